import Foundation
import Testing
@testable import CrierFormats

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
