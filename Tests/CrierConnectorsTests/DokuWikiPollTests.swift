@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// The `dokuwiki` connector against a loopback XML-RPC server answering with fixtures in the
/// shape of DokuWiki 2022-07-31's `wiki.getRecentChanges`: the calls it makes, the items, and a
/// cursor that returns every revision once although the server repeats the overlap window.
@Suite struct DokuWikiPollTests {
    @Test func theFirstPollReadsTheLastWeekAndMakesItems() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("wiki.getRecentChanges", try DokuWikiFixture.xml("recent-changes-1.xml"))
            let result = try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url))

            let call = try #require(wiki.calls.first)
            #expect(wiki.calls.map(\.method) == ["wiki.getRecentChanges"], "no login without credentials")
            #expect(call.params == [.int(1_714_550_700 - 7 * 86_400)])
            #expect(call.contentType == "text/xml; charset=utf-8")

            #expect(!result.isCompleteWindow)
            #expect(result.items.map(\.key) == ["start@1714550400", "wiki:syntax@1714550490", "playground:playground@1714550553"])
            #expect(result.items.map(\.title) == [
                "start edited by alice", "wiki:syntax edited by bob", "playground:playground edited by an anonymous user",
            ])
            #expect(result.items.map(\.summary) == ["", "typo & link fixed", ""])
            #expect(result.items.map(\.threadKey) == ["page:start", "page:wiki:syntax", "page:playground:playground"])
            #expect(result.items.map(\.echoKeys) == [["rev:start@1714550400"], ["rev:wiki:syntax@1714550490"], ["rev:playground:playground@1714550553"]])
            #expect(result.items.map(\.author) == ["alice", "bob", nil])
            let syntax = result.items[1]
            #expect(syntax.link == "\(wiki.url)/doku.php?id=wiki:syntax&rev=1714550490")
            #expect(syntax.published == Date(timeIntervalSince1970: 1_714_550_490))
            #expect(syntax.fields == [
                "page": "wiki:syntax", "author": "bob", "version": "1714550490", "size": "18273",
                "diff": "\(wiki.url)/doku.php?id=wiki:syntax&rev=1714550490&do=diff",
            ])

            let cursor = try #require(try DokuWikiCursor.decode(result.cursor))
            #expect(cursor == DokuWikiCursor(newest: 1_714_550_553, seen: ["playground:playground@1714550553"]),
                    "start@…400 and wiki:syntax@…490 are older than newest − 1m")
        }
    }

    @Test func laterPollsReturnOnlyNewRevisionsOnceAcrossARestart() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("wiki.getRecentChanges") { _, count in
                (try? DokuWikiFixture.xml(count == 0 ? "recent-changes-1.xml" : "recent-changes-2.xml")) ?? .text("", status: 500)
            }
            let connector = try DokuWikiHarness.connector(wiki.url)
            let first = try await DokuWikiHarness.poll(connector)

            // The answer repeats playground@…553 (inside the overlap) and lists wiki:welcome twice.
            let second = try await DokuWikiHarness.poll(connector, first.cursor)
            #expect(wiki.calls.last?.params == [.int(1_714_550_553 - 60)], "newest − overlap, inclusive on the server")
            #expect(second.items.map(\.key) == ["start@1714550600", "wiki:welcome@1714550610"])
            #expect(second.items[1].fields["size"] == nil, "size false (a deleted page) is no size")

            // A restart: a new connector with the saved cursor; the server answers the same again.
            let third = try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url), second.cursor)
            #expect(wiki.calls.last?.params == [.int(1_714_550_610 - 60)])
            #expect(third.items.isEmpty)
            #expect(try DokuWikiCursor.decode(third.cursor) == DokuWikiCursor(
                newest: 1_714_550_610, seen: ["playground:playground@1714550553", "start@1714550600", "wiki:welcome@1714550610"]))
        }
    }

    @Test func noChangesIsFault321AndKeepsTheCursor() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("wiki.getRecentChanges", try DokuWikiFixture.xml("fault-no-changes.xml"))
            let cursor = DokuWikiCursor(newest: 1_714_550_553, seen: ["playground:playground@1714550553"]).encoded
            let result = try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url), cursor)
            #expect(result.items.isEmpty)
            #expect(result.cursor == cursor)

            let baseline = try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url))
            #expect(baseline.items.isEmpty)
            #expect(try DokuWikiCursor.decode(baseline.cursor) == DokuWikiCursor(newest: 1_714_550_700 - 7 * 86_400 + 60, seen: []),
                    "an empty first poll keeps asking from the same start")
        }
    }

    @Test func namespacesKeepOnlyTheirPages() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("wiki.getRecentChanges", try DokuWikiFixture.xml("recent-changes-1.xml"))
            let connector = try DokuWikiHarness.connector(wiki.url, ["namespaces": .array([.string(":wiki:"), .string("start")])])
            let result = try await DokuWikiHarness.poll(connector)
            #expect(result.items.map(\.key) == ["start@1714550400", "wiki:syntax@1714550490"])
            #expect(try DokuWikiCursor.decode(result.cursor)?.newest == 1_714_550_553, "the cursor moves over filtered pages too")
        }
    }

    @Test func withCredentialsTheConnectorLogsInAndSendsTheSessionCookie() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("dokuwiki.login") { call, _ in
                guard call.params == [.string("crier-bot"), .string("pw")] else { return (try? DokuWikiFixture.xml("boolean-false.xml"))! }
                var response = (try? DokuWikiFixture.xml("boolean-true.xml"))!
                response.headers += [
                    ("Set-Cookie", "DokuWiki=q8i0bhjqfn0lf1f3t7jcpsqa1k; path=/; HttpOnly"),
                    ("Set-Cookie", "DW7fa065a06cb74b536c124cfbe56ac6d3=Y3JpZXItYm90%7C0%7Cabc; path=/; HttpOnly"),
                ]
                return response
            }
            wiki.on("wiki.getRecentChanges") { call, _ in
                call.cookie == nil ? DokuWikiFixture.fault(-32603, "server error. not authorized to call method wiki.getRecentChanges", status: 401)
                    : (try? DokuWikiFixture.xml("recent-changes-1.xml"))!
            }
            let connector = try DokuWikiHarness.connector(wiki.url, ["username": .string("crier-bot"), "password": .string("pw")])
            let result = try await DokuWikiHarness.poll(connector)
            #expect(result.items.count == 3)
            #expect(wiki.calls.map(\.method) == ["dokuwiki.login", "wiki.getRecentChanges"])
            #expect(wiki.calls.last?.cookie == "DokuWiki=q8i0bhjqfn0lf1f3t7jcpsqa1k; DW7fa065a06cb74b536c124cfbe56ac6d3=Y3JpZXItYm90%7C0%7Cabc")

            // The session stays: the next poll does not log in again.
            _ = try await DokuWikiHarness.poll(connector, result.cursor)
            #expect(wiki.calls(("dokuwiki.login")).count == 1)
        }
    }

    @Test func anExpiredSessionLogsInOnceMoreAndRetries() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("dokuwiki.login") { _, count in
                var response = (try? DokuWikiFixture.xml("boolean-true.xml"))!
                response.headers.append(("Set-Cookie", "DokuWiki=session\(count); path=/"))
                return response
            }
            wiki.on("wiki.getRecentChanges") { call, _ in
                call.cookie == "DokuWiki=session1" ? (try? DokuWikiFixture.xml("recent-changes-1.xml"))!
                    : DokuWikiFixture.fault(-32603, "server error. not authorized to call method wiki.getRecentChanges", status: 401)
            }
            let connector = try DokuWikiHarness.connector(wiki.url, ["username": .string("crier-bot"), "password": .string("pw")])
            let result = try await DokuWikiHarness.poll(connector)
            #expect(result.items.count == 3)
            #expect(wiki.calls.map(\.method) == ["dokuwiki.login", "wiki.getRecentChanges", "dokuwiki.login", "wiki.getRecentChanges"])
        }
    }
}
