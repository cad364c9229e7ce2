import Foundation
import Testing
@testable import CrierFormats

/// Hostile documents: nothing may be loaded from disk or network, nothing may blow up.
@Suite("Security")
struct SecurityTests {
    @Test("XXE never reads local files", arguments: [
        "xxe-general-entity.xml", "xxe-parameter-entity.xml", "xxe-external-dtd.xml",
    ])
    func xxe(_ file: String) throws {
        let data = try Fixtures.bytes("security/\(file)")
        let feed = try FeedParser.parse(data)
        let everything = ([feed.title] + feed.entries.flatMap { [$0.title, $0.summary] } + feed.warnings)
            .joined(separator: "\n")
        #expect(!everything.contains("root:"))
        #expect(!everything.contains("/bin/"))
        #expect(feed.entries.count == 1)
        #expect(feed.title.hasPrefix("XXE"))
        assertInert(feed)
    }

    @Test("the external entity loader refuses even when libxml2 asks it directly")
    func loaderRefuses() {
        LibXML2Setup.ensureInitialized()
        let parsed = HTMLText.plainText(fromHTML: #"<!DOCTYPE html SYSTEM "file:///etc/passwd"><p>x</p>"#)
        #expect(parsed == "x")
    }

    @Test("billion laughs is neither expanded nor slow")
    func billionLaughs() throws {
        let data = try Fixtures.bytes("security/billion-laughs.xml")
        let clock = ContinuousClock()
        var outcome: Result<Feed, any Error>!
        let elapsed = clock.measure { outcome = Result { try FeedParser.parse(data) } }
        #expect(elapsed < .seconds(1))
        switch outcome! {
        case .success(let feed):
            #expect(feed.title.isEmpty)
            #expect(feed.entries.allSatisfy { !$0.title.contains("lol") && !$0.summary.contains("lol") })
            #expect(feed.warnings.contains("DTD entity declarations ignored"))
        case .failure(let error):
            #expect(String(describing: error).contains("entity"))
        }
    }

    @Test("quadratic blowup: internal entities are not expanded")
    func quadratic() throws {
        let feed = try FeedParser.parse(try Fixtures.bytes("security/quadratic-blowup.xml"))
        #expect(feed.entries.count == 1)
        #expect(!feed.entries[0].title.contains("aaaa"))
    }

    @Test("deep nesting returns quickly and keeps what came before")
    func deepNesting() throws {
        var xml = #"<rss version="2.0"><channel><title>Deep</title><item><title>first</title></item><item><title>deep</title><description>"#
        xml += String(repeating: "<div>", count: 100_000) + "x" + String(repeating: "</div>", count: 100_000)
        xml += "</description></item></channel></rss>"
        let clock = ContinuousClock()
        var feed: Feed?
        let elapsed = clock.measure { feed = try? FeedParser.parse(Array(xml.utf8)) }
        #expect(elapsed < .seconds(5))
        let parsed = try #require(feed)
        #expect(parsed.entries.first?.title == "first")
    }

    @Test("deeply nested HTML in content does not overflow the stack")
    func deepHTML() {
        let html = String(repeating: "<span><b>", count: 50_000) + "core"
        let text = HTMLText.plainText(fromHTML: html)
        #expect(!text.contains("<"))
    }

    @Test("huge single text node is bounded by libxml2's limits, not by us")
    func largeDescription() throws {
        let body = String(repeating: "word ", count: 400_000)  // 2 MB
        let xml = #"<rss version="2.0"><channel><item><title>big</title><description>"# + body + "</description></item></channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.entries.count == 1)
        #expect(feed.entries[0].summary.count > 1_000_000)
    }
}
