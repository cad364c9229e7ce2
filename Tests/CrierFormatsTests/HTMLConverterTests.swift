import Testing
@testable import CrierFormats

/// libxml2's HTML SAX parser, as ``HTMLTextConverter`` drives it, against expected text.
///
/// These fragments are the ones the former hand-written converter was checked against
/// libxml2's tree walk with; the expected values are what that tree walk gave (plus the
/// HTML5 entity behaviour, which ``HTMLParserInput`` adds), so the switch to SAX changed no
/// output.
@Suite("HTML to text with libxml2's SAX parser")
struct HTMLConverterTests {
    static let fragments: [(html: String, text: String, title: String, images: [String])] = [
        ("<p>One</p><p>Two</p>", "One\nTwo", "One Two", []),
        ("<div>a<div>b</div>c</div>", "a\nb\nc", "a b c", []),
        ("line<br>break<br/>again</br>end", "line\nbreak\nagainend", "line break againend", []),  // `</br>` is ignored
        ("<h1>Title</h1>Text", "Title\nText", "Title Text", []),
        ("Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &hellip;", "Café & crème brûlée …", "Café & crème brûlée …", []),
        ("<b>bold</b> <i>italic</i>, <a href=\"https://x.example/?a=1&amp;b=2\">link</a>", "bold italic, link", "bold italic, link", []),
        ("<ul><li>one</li><li>two<ul><li>two-a</li><li>two-b</li></ul></li><li>three</li></ul>",
         "• one\n• two\n  • two-a\n  • two-b\n• three", "• one • two • two-a • two-b • three", []),
        ("<ol><li>first<li>second<li>third</ol>after", "1. first\n2. second\n3. third\nafter", "1. first 2. second 3. third after", []),
        ("<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>", "h1 h2\na b", "h1 h2 a b", []),
        ("<p>x</p><script>if (a < b) { document.write('</p>') }</script><style>p{}</style><p>y</p>", "x\ny", "x y", []),
        ("<p>before</p><noscript><img src=\"/ns.png\"><p>no js</p></noscript><p>after</p>", "before\nafter", "before after", []),
        ("<iframe src=\"https://evil.example/\">frame text</iframe>visible", "visible", "visible", []),
        ("<p>a &lt;script&gt;b &lt;/script&gt;</p>", "a <\u{200B}script>b <\u{200B}/script>", "a <\u{200B}script>b <\u{200B}/script>", []),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2", []),
        ("<!-- comment <p>not text</p> --><p>after</p>", "after", "after", []),
        ("<p>unclosed <b>tags <i>everywhere", "unclosed tags everywhere", "unclosed tags everywhere", []),
        ("<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Caption</figcaption></figure><p>Body</p>", "Caption\nBody", "Caption Body", ["a.jpg"]),
        ("<blockquote><p>Quoted</p></blockquote>Reply", "Quoted\nReply", "Quoted Reply", []),
        ("<p><img src=\"data:image/gif;base64,R0\" data-src=\"/lazy.jpg\"> <IMG SRC='b.jpg'></p>", "", "", ["/lazy.jpg", "b.jpg"]),
        ("<pre>code   stays\ncollapsed</pre>", "code stays collapsed", "code stays collapsed", []),
        ("<p>tab\there&#9;and&#x20;space</p>", "tab here and space", "tab here and space", []),
        ("<div class=\"x\" data-a='1' hidden>attrs <span title=\"a > b\">gt in attr</span></div>", "attrs gt in attr", "attrs gt in attr", []),
        ("<p>Welcome to <a href=\"https://wordpress.org/\">WordPress</a>. This is your first post.</p>\n<ul><li>one</li></ul>",
         "Welcome to WordPress. This is your first post.\n• one", "Welcome to WordPress. This is your first post. • one", []),
        ("<dl><dt>term</dt><dd>definition</dd></dl>", "term\ndefinition", "term definition", []),
        ("<p>emoji &#x1F600; and &#8220;quotes&#8221;</p>", "emoji 😀 and “quotes”", "emoji 😀 and “quotes”", []),
        ("<hr><p>after rule</p><hr/>", "after rule", "after rule", []),
        ("<select><option>hidden</option></select>shown", "shown", "shown", []),
        ("<video src=\"v.mp4\">Your browser does not support video.</video>text", "text", "text", []),
        ("<p>one</p>\n\n<p>two</p>\n", "one\ntwo", "one two", []),
        // Loose text after inline elements stays on its line (why HTML_PARSE_NOIMPLIED is off).
        ("<b>a</b> <i>b</i> c", "a b c", "a b c", []),
        // What the old converter left to libxml2: CDATA, processing instructions, documents.
        ("<html><head><title>T</title><style>x</style></head><body><p>Body</p></body></html>", "Body", "Body", []),
        ("<?php echo 1 ?><p>after</p>", "after", "after", []),
        ("<p class=\"unterminated>x", "", "", []),
        ("<!-- never closed", "", "", []),
    ]

    @Test("text, title and images", arguments: fragments)
    func convert(_ html: String, _ text: String, _ title: String, _ images: [String]) {
        var bytes = html
        bytes.withUTF8 { buffer in
            let converter = HTMLTextConverter()
            let body = converter.convert(buffer, singleLine: false, wantImages: true)
            #expect(body.text == text)
            #expect(body.images == images)
            #expect(converter.convert(buffer, singleLine: true, wantImages: false).text == title)
        }
    }

    @Test("one converter serves many fragments, each from a clean state")
    func reuse() {
        let converter = HTMLTextConverter()
        func run(_ html: String, singleLine: Bool = false) -> HTMLTextConverter.Result {
            var html = html
            return html.withUTF8 { converter.convert($0, singleLine: singleLine, wantImages: true) }
        }
        // An unclosed <script> and an open list must not leak into the next fragment.
        #expect(run("<ul><li>a<script>x").text == "• a")
        #expect(run("<ol><li>b</ol>").text == "1. b")
        #expect(run("<img src=/one.png>").images == ["/one.png"])
        #expect(run("no images").images == [])
        #expect(run("<p>long</p>" + String(repeating: "word ", count: 10_000)).text.count > 40_000)
        #expect(run("<p>a</p><p>b</p>", singleLine: true).text == "a b")
        #expect(run("<p>a</p><p>b</p>").text == "a\nb")
    }

    @Test("text without markup skips libxml2", arguments: [
        ("Fish & chips", true), ("AT&T", false), ("a &amp; b", false), ("&#169;", false), ("x < y", false),
        ("plain", true), ("", true), ("trailing &", true),
    ])
    func plainShortcut(_ text: String, _ plain: Bool) {
        var text = text
        #expect(text.withUTF8 { HTMLTextConverter.cannotContainMarkup($0) } == plain)
    }

    @Test("character references read as HTML5 does", arguments: [
        ("&#150; &#x92;", "– ’"),
        ("&copy 2024 &copy=1 &copyright", "© 2024 &copy=1 &copyright"),
        ("&NotEqualTilde; &hellip; &apos;&quot;&lt;&gt;&amp;", "≂̸ … '\"<>&"),
        ("&#0; &#xD800; &#x110000; &#1;x", "\u{FFFD} \u{FFFD} \u{FFFD} x"),
        ("&# &#x; &#;", "&# &#x; &#;"),
        ("&unknown; AT&T &", "&unknown; AT&T &"),
        ("&#00000000000065; &#x0000000041", "A A"),
        ("<a href=\"?a=1&copy=2&amp;b\">x</a><img src=\"/i?a=1&amp;b=2&copy=3\">", "x"),
    ])
    func references(_ html: String, _ expected: String) {
        #expect(HTMLText.plainText(fromHTML: html) == expected)
    }

    @Test("references in attributes are decoded by libxml2, with the URL rule for legacy names")
    func attributeReferences() {
        let html = "<img src=\"/i?a=1&amp;b=2&copy=3&#x26;c\">"
        #expect(HTMLText.imageSources(inHTML: html) == ["/i?a=1&b=2&copy=3&c"])
    }

    @Test("NUL bytes in a String do not cut the text short")
    func nul() {
        #expect(HTMLText.plainText(fromHTML: "<p>a\u{0}b</p>c") == "ab\nc")
    }
}
