@testable import CrierConnectors
import CrierCore
import CrierHTTP
import Foundation
import Testing

/// The pure parts of the `mediawiki` connector: the cursor's overlap window, the cookie jar, talk
/// page names, edit summaries and reply markers.
@Suite struct MediaWikiPartsTests {
    /// A change as the API returns it, decoded the way the connector decodes it.
    static func change(rcid: Int, at timestamp: String, type: String = "edit") throws -> RecentChange {
        let json = #"{"type":"\#(type)","ns":0,"title":"P","revid":\#(rcid + 100),"old_revid":\#(rcid + 99),"rcid":\#(rcid),"user":"U","bot":false,"minor":false,"oldlen":5,"newlen":3,"timestamp":"\#(timestamp)","comment":"c","logparams":[]}"#
        return try JSONDecoder().decode(RecentChange.self, from: Data(json.utf8))
    }

    @Test func theCursorKeepsTheChangesOfTheOverlapWindow() throws {
        let changes = try [
            Self.change(rcid: 1, at: "2026-06-28T22:40:00Z"),
            Self.change(rcid: 2, at: "2026-06-28T22:47:00Z"),
            Self.change(rcid: 3, at: "2026-06-28T22:48:47Z"),
        ]
        let cursor = try #require(MediaWikiCursor.after(nil, changes: changes, overlap: .seconds(120), resume: nil, serverTime: nil))
        #expect(cursor.timestamp == "2026-06-28T22:48:47Z")
        #expect(cursor.rcid == 3)
        #expect(cursor.seen.map(\.rcid) == [2, 3])
        #expect(cursor.readingStart(overlap: .seconds(120)) == "2026-06-28T22:46:47Z")
        #expect(cursor.floor == nil)
        #expect(MediaWikiCursor(stored: cursor.encoded) == cursor)

        // A late change with an earlier time still counts; the window moves with the newest change.
        let late = try Self.change(rcid: 5, at: "2026-06-28T22:48:00Z")
        let next = try #require(MediaWikiCursor.after(
            cursor, changes: [late, Self.change(rcid: 4, at: "2026-06-28T22:50:00Z")], overlap: .seconds(120), resume: nil, serverTime: nil))
        #expect(next.timestamp == "2026-06-28T22:50:00Z")
        #expect(next.seen.map(\.rcid) == [5, 3, 4])
        #expect(next.hasSeen(late))
    }

    @Test func aFirstPollThatReadPartOfTheWindowSetsAFloor() throws {
        let changes = try [Self.change(rcid: 7, at: "2026-06-28T22:48:00Z"), Self.change(rcid: 9, at: "2026-06-28T22:48:47Z")]
        let cursor = try #require(MediaWikiCursor.after(nil, changes: changes, overlap: .seconds(120), resume: nil, serverTime: nil, isPartial: true))
        #expect(cursor.floor == MediaWikiCursor.Seen(rcid: 7, time: Int64(MediaWikiTimestamp.parse("2026-06-28T22:48:00Z")!.timeIntervalSince1970)))
        #expect(cursor.hasSeen(try Self.change(rcid: 6, at: "2026-06-28T22:47:30Z")), "older than the baseline")
        #expect(!cursor.hasSeen(try Self.change(rcid: 8, at: "2026-06-28T22:48:10Z")), "a late change after the floor")
    }

    @Test func anEmptyChangeLogStartsAtTheServersClock() throws {
        let cursor = try #require(MediaWikiCursor.after(nil, changes: [], overlap: .seconds(120), resume: nil, serverTime: "2026-06-28T22:48:47Z"))
        #expect(cursor.timestamp == "2026-06-28T22:48:47Z")
        #expect(cursor.seen.isEmpty)
        #expect(MediaWikiCursor.after(nil, changes: [], overlap: .seconds(120), resume: nil, serverTime: nil) == nil)
        #expect(MediaWikiCursor(stored: "not json") == nil)
    }

    @Test func theJarKeepsAndDropsCookiesAsTold() {
        var jar = MediaWikiCookieJar()
        jar.store(from: HTTPHeaders([
            ("Set-Cookie", "wiki_session=abc; path=/; HttpOnly"), ("Set-Cookie", "wikiUserID=3; expires=Thu, 01 Jan 2099 00:00:00 GMT; path=/"),
        ]))
        #expect(jar.header == "wikiUserID=3; wiki_session=abc")
        jar.store(from: HTTPHeaders([
            ("Set-Cookie", "wikiUserID=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; path=/"),
            ("Set-Cookie", "wiki_session=def; path=/"),
        ]))
        #expect(jar.header == "wiki_session=def")
        jar.store(from: HTTPHeaders([("Set-Cookie", "wiki_session=xyz; Expires=Thu, 01-Jan-1970 00:00:01 GMT")]))
        #expect(jar.header == nil)
    }

    @Test func talkPagesFollowTheNamespaces() throws {
        let table = NamespaceTable([
            .init(id: 0, name: ""), .init(id: 1, name: "Talk", canonical: "Talk"),
            .init(id: 4, name: "TestWiki", canonical: "Project"), .init(id: 5, name: "TestWiki talk", canonical: "Project talk"),
            .init(id: 100, name: "Portal"),
        ])
        #expect(try table.talkPage(of: "Main Page", namespace: 0) == "Talk:Main Page")
        #expect(try table.talkPage(of: "TestWiki:Rules", namespace: 4) == "TestWiki talk:Rules")
        #expect(try table.talkPage(of: "Project:Rules", namespace: 4) == "TestWiki talk:Rules")
        #expect(try table.talkPage(of: "Talk:Main Page", namespace: 1) == "Talk:Main Page")
        #expect(throws: ConnectorError.self) { try table.talkPage(of: "Portal:Cats", namespace: 100) }
        #expect(throws: ConnectorError.self) { try table.talkPage(of: "Special:Log", namespace: -1) }
    }

    @Test(arguments: [
        ("/* Usage */ fixed a typo", "→Usage: fixed a typo"),
        ("/* Usage */", "→Usage"),
        ("Reverted /* Usage */ spam", "Reverted →Usage: spam"),
        ("plain summary", "plain summary"),
        ("", ""),
    ])
    func autocommentsReadAsTheWikiShowsThem(_ raw: String, _ shown: String) {
        #expect(MediaWikiItemMapper.plainComment(raw) == shown)
    }

    @Test func aLogEntryLinksToTheLog() throws {
        let json = #"{"type":"log","ns":0,"title":"Old","revid":0,"old_revid":0,"rcid":4,"user":"Admin","oldlen":0,"newlen":0,"timestamp":"2026-06-28T22:48:47Z","comment":"because","logid":5,"logtype":"move","logaction":"move","logparams":{"target_ns":0,"target_title":"New"}}"#
        let change = try JSONDecoder().decode(RecentChange.self, from: Data(json.utf8))
        let item = MediaWikiItemMapper.item(change, indexURL: "https://wiki.example.com/w/index.php")
        #expect(item.title == "Old moved to New by Admin")
        #expect(item.link == "https://wiki.example.com/w/index.php?title=Special:Log&logid=5")
        #expect(item.fields["size_delta"] == nil)
        #expect(item.echoKeys.isEmpty)
        #expect(item.threadKey == "page:Old")
    }

    @Test func aMarkerCannotEndItsComment() {
        #expect(TalkPageReplier.markerComment("abc-123") == "<!-- crier:abc-123 -->")
        #expect(TalkPageReplier.markerComment("a-->b") == "<!-- crier:a-b -->")
    }

    @Test func theDefaultTemplateShowsPageUserSizeSummaryAndDiff() throws {
        let connector = MediaWikiConnector(options: MediaWikiOptions(options: ["url": .string("https://wiki.example.com/w/api.php")]), http: sharedHTTP)
        let item = MediaWikiItemMapper.item(try Self.change(rcid: 1, at: "2026-06-28T22:48:47Z"), indexURL: "https://wiki.example.com/w/index.php")
        let text = try PostRenderer(template: connector.defaultTemplate).render(item, sourceId: "wiki", limits: PostLimits(maxCharacters: 500, charactersPerURL: 23))
        #expect(text == "P edited by U (-2)\n\n“c”\n\nhttps://wiki.example.com/w/index.php?diff=101&oldid=100")
    }
}
