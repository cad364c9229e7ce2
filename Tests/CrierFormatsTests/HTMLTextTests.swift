import Testing
@testable import CrierFormats

@Suite("HTMLText")
struct HTMLTextTests {
    static let cases: [(String, String)] = [
        ("", ""),
        ("plain words", "plain words"),
        ("  lots   of \n\t whitespace  ", "lots of whitespace"),
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("<div>a<div>b</div>c</div>", "a\nb\nc"),
        ("line<br>break<br/>again", "line\nbreak\nagain"),
        ("<h1>Title</h1>Text", "Title\nText"),
        ("Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &hellip;", "Café & crème brûlée …"),
        ("&#8220;quoted&#8221; &#x2014; &#150; &copy 2024", "“quoted” — – © 2024"),
        ("<p>Fish &amp;amp; chips</p>", "Fish &amp; chips"),
        ("<b>bold</b> <i>italic</i>", "bold italic"),
        ("<ul><li>one</li><li>two<ul><li>two-a</li></ul></li></ul>", "• one\n• two\n  • two-a"),
        ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a b\nc d"),
        ("<p>x</p><script>alert('x')</script><style>p{}</style><p>y</p>", "x\ny"),
        ("<template><p>hidden</p></template>shown", "shown"),
        ("<iframe src=x>frame</iframe><noscript>ns</noscript>ok", "ok"),
        ("a &lt;script&gt;b", "a <\u{200B}script>b"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("<p>ctrl\u{01}\u{7F}chars\u{85}</p>", "ctrlchars"),
        ("<p>unclosed <b>tags <i>everywhere", "unclosed tags everywhere"),
        ("<!-- comment --><p>after</p>", "after"),
        ("<html><head><title>T</title></head><body><p>Body</p></body></html>", "Body"),
        ("<pre>code   stays\ncollapsed</pre>", "code stays collapsed"),
        ("<p>tab\there</p>", "tab here"),
    ]

    @Test("plain text", arguments: cases)
    func plainText(_ html: String, _ expected: String) {
        let text = HTMLText.plainText(fromHTML: html)
        #expect(text == expected)
        #expect(!containsTag(text))
    }

    @Test("image sources in order, lazy-load aware")
    func images() {
        let html = #"<p><img src="/a.png"> <img src="data:image/gif;base64,R0" data-src="/lazy.jpg"><IMG SRC="b.jpg"></p><noscript><img src="/hidden.png"></noscript>"#
        #expect(HTMLText.imageSources(inHTML: html) == ["/a.png", "/lazy.jpg", "b.jpg"])
        #expect(HTMLText.imageSources(inHTML: "no images here") == [])
    }

    @Test("output is always inert", arguments: [
        "<scr<script>ipt>alert(1)</script>",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&amp;lt;b&amp;gt;",
        "<<b>script>",
        "<svg><script>alert(1)</script></svg>after",
        "<a href=\"javascript:alert(1)\">link</a>",
    ])
    func inert(_ html: String) {
        let text = HTMLText.plainText(fromHTML: html)
        #expect(!containsTag(text), "\(text.debugDescription)")
        #expect(!text.contains("alert(1)</"), "\(text.debugDescription)")
    }
}
