import Foundation
import Testing
@testable import CrierFormats

@Suite("JSON Feed details")
struct JSONFeedTests {
    @Test("JSON Feed 1.0 with a BOM, a single author and summary-only items")
    func version10() throws {
        let json = #"""
        {"version": "https://jsonfeed.org/version/1", "title": "Old <b>style</b>",
         "author": {"name": "Solo Writer"},
         "items": [{"id": "a", "summary": "Short summary", "date_published": "2019-01-01T00:00:00+00:00"},
                   {"id": true, "title": "boolean id is not an id"}]}
        """#
        let feed = try FeedParser.parse([0xEF, 0xBB, 0xBF] + Array(json.utf8))
        #expect(feed.format == .jsonFeed11)
        #expect(feed.title == "Old style")
        #expect(feed.entries.count == 1)
        #expect(feed.entries[0].authors == ["Solo Writer"])
        #expect(feed.entries[0].summary == "Short summary")
        #expect(feed.entries[0].published == Date(timeIntervalSince1970: 1_546_300_800))
        #expect(feed.warnings == ["1 items without id discarded"])
    }
}
