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

@Suite("Encoding sniffer")
struct EncodingSnifferTests {
    @Test("declared encoding and charset parsing")
    func labels() {
        #expect(EncodingSniffer.declaredEncoding(Array(#"<?xml version="1.0" encoding='ISO-8859-1'?><a/>"#.utf8)) == "iso-8859-1")
        #expect(EncodingSniffer.declaredEncoding(Array("<?xml version=\"1.0\"?><a/>".utf8)) == nil)
        #expect(EncodingSniffer.charset(inContentType: "text/xml; Charset=\"UTF-8\"") == "utf-8")
        #expect(EncodingSniffer.charset(inContentType: "application/rss+xml") == nil)
    }

    @Test("UTF-8 BOM is stripped and wins over the declaration")
    func bom() throws {
        let xml = [0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Ünïcödé</title></channel></rss>"#.utf8)
        let feed = try FeedParser.parse(xml)
        #expect(feed.title == "Ünïcödé")
    }

    @Test("UTF-16 with BOM")
    func utf16() throws {
        let xml = #"<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Sixteen ✓</title></channel></rss>"#
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "Sixteen ✓")
    }

    @Test("XML-illegal control characters do not stop the parse")
    func controls() throws {
        let xml = "<rss version=\"2.0\"><channel><title>a\u{0B}b\u{1F}c</title><item><title>after</title></item></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "a b c")
        #expect(feed.entries.first?.title == "after")
    }
}

@Suite("Parser behaviour")
struct ParserBehaviourTests {
    @Test("parses concurrently from many tasks")
    func concurrent() async throws {
        let data = try Fixtures.bytes("feeds/rss20/feed.xml")
        let reference = try FeedParser.parse(data)
        try await withThrowingTaskGroup(of: Feed.self) { group in
            for _ in 0..<64 { group.addTask { try FeedParser.parse(data) } }
            for try await feed in group { #expect(feed == reference) }
        }
    }

    @Test("Atom text constructs: text keeps its angle brackets inert, html is decoded")
    func atomTextTypes() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Less &lt;than&gt; more</title>
        <entry><id>urn:1</id><title type="html">&lt;em&gt;Hi&lt;/em&gt; there</title>
        <summary>Line one
        Line two</summary></entry></feed>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.title == "Less <\u{200B}than> more")
        #expect(feed.entries[0].title == "Hi there")
        #expect(feed.entries[0].summary == "Line one\nLine two")
    }

    @Test("an RSS root with an unknown version reads as RSS 2.0; RSS items outside a channel still count")
    func lenientRSS() throws {
        let xml = #"<rss version="2.01"><channel><title>t</title></channel><item><title>stray</title></item></rss>"#
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.format == .rss20)
        #expect(feed.entries.map(\.title) == ["stray"])
    }

    @Test("the title of a channel image or an Atom source never leaks")
    func nestedTitles() throws {
        let rss = #"<rss version="2.0"><channel><image><title>Logo</title></image><title>Real</title></channel></rss>"#
        #expect(try FeedParser.parse(Array(rss.utf8)).title == "Real")
        let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><source><title>Other feed</title><id>urn:other</id></source>
        <title>Mine</title><id>urn:mine</id></entry></feed>
        """
        let entry = try #require(try FeedParser.parse(Array(atom.utf8)).entries.first)
        #expect(entry.title == "Mine")
        #expect(entry.id == "urn:mine")
    }

    @Test("a missing pubDate leaves published nil; a bad one too")
    func dates() throws {
        let rss = #"<rss version="2.0"><channel><item><title>a</title></item><item><pubDate>someday</pubDate></item></channel></rss>"#
        let feed = try FeedParser.parse(Array(rss.utf8))
        #expect(feed.entries.allSatisfy { $0.published == nil })
    }
}

@Suite("Recovery after XML errors")
struct RecoveryTests {
    @Test("after a markup error, later &amp; and &lt; still decode (second pass)")
    func entitiesAfterMarkupError() throws {
        let xml = """
        <rss version="2.0"><channel><title>t</title>
        <item><title>broken <b>unclosed</title><description>x</description></item>
        <item><title>Fish &amp; chips</title><description>&lt;p&gt;Hello&lt;/p&gt;</description></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        let last = try #require(feed.entries.last)
        #expect(last.title == "Fish & chips")
        #expect(last.summary == "Hello")
    }
}

@Suite("URL resolution")
struct URLResolverTests {
    @Test("fast path and Foundation agree", arguments: [
        ("/a/b.png", "https://example.com/blog/post.html?x=1", "https://example.com/a/b.png"),
        ("//cdn.example.net/x.png", "https://example.com/blog/", "https://cdn.example.net/x.png"),
        ("img/c.png", "https://example.com/blog/post.html", "https://example.com/blog/img/c.png"),
        ("img/c.png", "https://example.com", "https://example.com/img/c.png"),
        ("../up.png", "https://example.com/a/b/", "https://example.com/a/up.png"),
        ("?page=2", "https://example.com/list?page=1", "https://example.com/list?page=2"),
        ("#top", "https://example.com/doc", "https://example.com/doc#top"),
        ("https://other.example/x", "https://example.com/", "https://other.example/x"),
        ("x", "http://example.com:8080/a/b", "http://example.com:8080/a/x"),
    ])
    func resolves(_ ref: String, _ base: String, _ expected: String) {
        var resolver = URLResolver()
        #expect(resolver.resolve(ref, against: base) == expected)
        #expect(URL(string: ref, relativeTo: URL(string: base))?.absoluteString == expected)
    }

    @Test("refused schemes")
    func refused() {
        var resolver = URLResolver()
        for ref in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"] {
            #expect(resolver.resolve(ref, against: "https://example.com/") == nil, "\(ref)")
        }
        #expect(resolver.resolve("", against: nil) == nil)
    }
}

@Suite("Optimistic parse falls back to the careful one")
struct CarefulPathTests {
    @Test("ill-formed UTF-8 inside CDATA, attributes and comments is repaired, not read as Latin-1", arguments: [
        "<rss version=\"2.0\"><channel><item><title>ok</title><description><![CDATA[caf\u{FF}é]]></description></item></channel></rss>",
        "<rss version=\"2.0\"><channel><!-- \u{FF} --><item><title>caf\u{FF}é</title></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>café</title><enclosure url=\"https://x.example/\u{FF}é.mp3\"/></item></channel></rss>",
    ])
    func repaired(_ template: String) throws {
        // \u{FF} in the template stands for a lone 0xFF byte.
        var bytes: [UInt8] = []
        for scalar in template.unicodeScalars {
            if scalar == "\u{FF}" { bytes.append(0xFF) } else { bytes += Array(String(scalar).utf8) }
        }
        let feed = try FeedParser.parse(bytes)
        let entry = try #require(feed.entries.first)
        let text = entry.title + entry.summary + (entry.enclosures.first?.url ?? "")
        #expect(text.contains("é"))
        #expect(!text.contains("Ã"))
        #expect(feed.warnings.contains("invalid UTF-8 replaced with U+FFFD"))
    }
}
