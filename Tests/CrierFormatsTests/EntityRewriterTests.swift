import Foundation
import Testing
@testable import CrierFormats

@Suite("Entity rewriter")
struct EntityRewriterTests {
    private func rewrite(_ s: String, predefined: Bool = true) -> String {
        String(decoding: EntityRewriter.rewrite(Array(s.utf8), predefined: predefined).bytes, as: UTF8.self)
    }

    @Test("by default the five XML entities and valid references are left alone")
    func minimal() {
        #expect(rewrite("&amp;&lt;&gt;&quot;&apos;&#38;&nbsp;", predefined: false) == "&amp;&lt;&gt;&quot;&apos;&#38;&#160;")
    }

    @Test("rewrites", arguments: [
        ("a&nbsp;b", "a&#160;b"),
        ("&eacute;&hellip;", "&#233;&#8230;"),
        ("&amp;&lt;&gt;&quot;&apos;", "&#38;&#60;&#62;&#34;&#39;"),
        ("AT&T", "AT&#38;T"),
        ("a & b", "a &#38; b"),
        ("&copy 2024", "&#169; 2024"),
        ("&#233;&#x1F600;", "&#233;&#x1F600;"),
        ("&#150;", "&#8211;"),
        ("&#0;", "&#65533;"),
        ("x&#1;y", "xy"),
        ("&#;", "&#38;#;"),
        ("&bogus;", "&#38;bogus;"),
        ("&NotEqualTilde;", "&#8770;&#824;"),
        ("<![CDATA[&nbsp; & &amp;]]>&nbsp;", "<![CDATA[&nbsp; & &amp;]]>&#160;"),
        ("no entities at all", "no entities at all"),
    ])
    func rewrites(_ input: String, _ expected: String) {
        #expect(rewrite(input) == expected)
    }

    @Test("unknown names stay for libxml2 when an internal DTD subset exists")
    func internalSubset() {
        #expect(rewrite("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;&nbsp;</x>") == "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;&#160;</x>")
    }

    @Test("warnings name the HTML entities")
    func warnings() {
        let result = EntityRewriter.rewrite(Array("&nbsp;&nbsp;&eacute;&amp;".utf8), predefined: true)
        #expect(result.warnings == ["undefined entity &nbsp; replaced", "undefined entity &eacute; replaced"])
    }

    @Test("unchanged input is returned as is")
    func unchanged() {
        let input = Array("<rss>plain</rss>".utf8)
        #expect(EntityRewriter.rewrite(input).bytes == input)
    }
}
