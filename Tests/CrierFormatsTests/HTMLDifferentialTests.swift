import Testing
@testable import CrierFormats

/// The fast converter must give exactly what the libxml2 tree walk gives, on the HTML feeds
/// carry. (Known, deliberate differences are left out: HTML5-only entity names, entities
/// without `;`, and `&#128;`-`&#159;`, which the fast path reads as Windows-1252 like browsers.)
@Suite("HTML fast path vs libxml2")
struct HTMLDifferentialTests {
    static let fragments: [String] = [
        "<p>One</p><p>Two</p>",
        "<div>a<div>b</div>c</div>",
        "line<br>break<br/>again</br>end",
        "<h1>Title</h1>Text",
        "Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &hellip;",
        "<b>bold</b> <i>italic</i>, <a href=\"https://x.example/?a=1&amp;b=2\">link</a>",
        "<ul><li>one</li><li>two<ul><li>two-a</li><li>two-b</li></ul></li><li>three</li></ul>",
        "<ol><li>first<li>second<li>third</ol>after",
        "<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>",
        "<p>x</p><script>if (a < b) { document.write('</p>') }</script><style>p{}</style><p>y</p>",
        "<p>before</p><noscript><img src=\"/ns.png\"><p>no js</p></noscript><p>after</p>",
        "<iframe src=\"https://evil.example/\">frame text</iframe>visible",
        "<p>a &lt;script&gt;b &lt;/script&gt;</p>",
        "1 < 2 and 3 > 2",
        "<!-- comment <p>not text</p> --><p>after</p>",
        "<p>unclosed <b>tags <i>everywhere",
        "<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Caption</figcaption></figure><p>Body</p>",
        "<blockquote><p>Quoted</p></blockquote>Reply",
        "<p><img src=\"data:image/gif;base64,R0\" data-src=\"/lazy.jpg\"> <IMG SRC='b.jpg'></p>",
        "<pre>code   stays\ncollapsed</pre>",
        "<p>tab\there&#9;and&#x20;space</p>",
        "<div class=\"x\" data-a='1' hidden>attrs <span title=\"a > b\">gt in attr</span></div>",
        "<p>Welcome to <a href=\"https://wordpress.org/\">WordPress</a>. This is your first post.</p>\n<ul><li>one</li></ul>",
        "<dl><dt>term</dt><dd>definition</dd></dl>",
        "<p>emoji &#x1F600; and &#8220;quotes&#8221;</p>",
        "<hr><p>after rule</p><hr/>",
        "<select><option>hidden</option></select>shown",
        "<video src=\"v.mp4\">Your browser does not support video.</video>text",
        "<p>one</p>\n\n<p>two</p>\n",
    ]

    @Test("same text and images", arguments: fragments)
    func same(_ html: String) {
        var bytes = html
        bytes.withUTF8 { buffer in
            let extractor = HTMLTextExtractor()
            let fast = extractor.convert(buffer, singleLine: false, wantImages: true)
            let reference = extractor.convertWithLibXML2(buffer, singleLine: false, wantImages: true)
            #expect(fast.text == reference.text)
            #expect(fast.images == reference.images)
            let titleFast = extractor.convert(buffer, singleLine: true, wantImages: false)
            let titleReference = extractor.convertWithLibXML2(buffer, singleLine: true, wantImages: false)
            #expect(titleFast.text == titleReference.text)
        }
    }

    @Test("the fast path really handles these (the comparison is not vacuous)", arguments: fragments)
    func accepted(_ html: String) {
        var bytes = html
        bytes.withUTF8 { buffer in
            var out = PlainTextBuilder(singleLine: false)
            var images: [String] = []
            #expect(HTMLFastConverter.convert(buffer, into: &out, images: &images, wantImages: true))
            _ = out.finish()
        }
    }

    @Test("unusual input goes to libxml2", arguments: [
        "<![CDATA[x]]>", "<?php echo 1 ?>", "<html><body>x</body></html>", "<p class=\"unterminated>x",
        "<!-- never closed", "</ >",
    ])
    func declined(_ html: String) {
        var bytes = html
        bytes.withUTF8 { buffer in
            var out = PlainTextBuilder(singleLine: false)
            var images: [String] = []
            #expect(!HTMLFastConverter.convert(buffer, into: &out, images: &images, wantImages: true))
        }
    }
}
