import Foundation
import Testing
@testable import CrierFormats

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
