@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// The `confluence` connector against a loopback server answering with fixtures trimmed from
/// the Confluence REST API documentation: the CQL it sends, the items it makes, and a cursor
/// that returns every (content, version) once although the server repeats the overlap window.
@Suite struct ConfluencePollTests {
    @Test func theFirstPollTakesOnePageOfTheNewestChangesOldestFirst() async throws {
        try await RoutedServer.with { server in
            try ConfluenceHarness.serveSearch(server)
            let result = try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL))

            let sent = try #require(server.requests.first)
            #expect(server.requests.count == 1, "a baseline reads one page, whatever `next` says")
            #expect(sent.path == ConfluenceHarness.searchPath)
            #expect(sent.query["cql"] == "type in (page,blogpost,comment) order by lastmodified desc")
            #expect(sent.query["expand"] == "version,space,container,body.storage")
            #expect(sent.query["limit"] == "50")
            #expect(sent.headers["authorization"] == nil)

            #expect(!result.isCompleteWindow)
            #expect(result.items.map(\.key) == ["393230@v1", "393219@v2", "98310@v1"])
            #expect(result.items.map(\.title) == [
                "New blog post: Release notes 8.5 by Alice Admin",
                "First space updated by Alice Admin",
                "Comment on First space by Bob Builder",
            ])
            #expect(result.items.map(\.summary) == ["What’s new:\nfaster search", "Fixed typos", "Looks good to me."])
            #expect(result.items.map(\.threadKey) == ["content:393230", "content:393219", "content:393219"])
            #expect(result.items.map(\.link) == [
                "\(ConfluenceHarness.publicBase)/display/FS/2024/05/01/Release+notes+8.5",
                "\(ConfluenceHarness.publicBase)/display/FS/First+space",
                "\(ConfluenceHarness.publicBase)/display/FS/First+space?focusedCommentId=98310#comment-98310",
            ])
            #expect(result.items.map(\.author) == ["Alice Admin", "Alice Admin", "Bob Builder"])
            #expect(result.items.map(\.echoKeys) == [[], [], ["comment:98310"]])
            let comment = result.items[2]
            #expect(comment.fields == [
                "type": "comment", "version": "1", "content_id": "98310", "space": "FS",
                "container_id": "393219", "container_type": "page",
            ])
            #expect(result.items[1].fields == ["type": "page", "version": "2", "content_id": "393219", "space": "FS"])
            #expect(comment.published == ISO8601DateFormatter().date(from: "2024-05-01T10:05:10Z"))

            let cursor = try #require(try ConfluenceCursor.decode(result.cursor))
            #expect(cursor.newest == "2024-05-01T12:05:10.000+02:00")
            #expect(Set(cursor.seen.keys) == ["393219@v2", "98310@v1"], "the blog post is older than newest − overlap")
        }
    }

    @Test func laterPollsReturnOnlyNewChangesOnceAcrossARestart() async throws {
        try await RoutedServer.with { server in
            try ConfluenceHarness.serveSearch(server)
            let first = try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL))

            // Page 1 repeats two changes of the overlap window; page 2 sends one row twice.
            let second = try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL), first.cursor)
            let query = server.requests.dropFirst().map(\.query)
            #expect(query.count == 2)
            #expect(query[0]["cql"] == #"type in (page,blogpost,comment) and lastmodified >= "2024/05/01 12:03" order by lastmodified asc"#,
                    "newest (12:05:10+02:00) − 2m, down to the minute, in the server's own offset")
            #expect(query[1]["start"] == "3", "the next link is followed")
            #expect(query[1]["cql"] == query[0]["cql"])
            #expect(second.items.map(\.key) == ["393219@v3", "98311@v1"])
            #expect(second.items[0].title == "First space updated by Carol Writer")
            #expect(second.items[0].summary == "Welcome\nThis space holds the team's runbooks.")
            #expect(second.items[1].echoKeys == ["comment:98311"])

            // A restart: a new connector with the saved cursor; the server repeats page 2.
            server.set(ConfluenceHarness.searchPath, try ConfluenceHarness.fixture("search-since-page2.json"))
            let third = try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL), second.cursor)
            #expect(server.requests.last?.query["cql"]?.contains(#"lastmodified >= "2024/05/01 12:05""#) == true)
            #expect(third.items.isEmpty)
            let cursor = try #require(try ConfluenceCursor.decode(third.cursor))
            #expect(cursor.newest == "2024-05-01T12:07:00.000+02:00")
            #expect(Set(cursor.seen.keys) == ["98310@v1", "393219@v3", "98311@v1"])
        }
    }

    @Test func spacesTypesAndAuthenticationGoIntoTheRequest() async throws {
        try await RoutedServer.with { server in
            try ConfluenceHarness.serveSearch(server)
            let connector = try ConfluenceHarness.connector(server.baseURL + "/", [
                "spaces": .array([.string("FS"), .string("~jdoe")]), "types": .array([.string("comment"), .string("page")]),
                "username": .string("crier-bot"), "password": .string("s3cret"),
            ])
            _ = try await ConfluenceHarness.poll(connector)
            let sent = try #require(server.requests.first)
            #expect(sent.query["cql"] == #"type in (page,comment) and space in ("FS","~jdoe") order by lastmodified desc"#)
            #expect(sent.headers["authorization"] == "Basic " + Data("crier-bot:s3cret".utf8).base64EncodedString())

            let bearer = try ConfluenceHarness.connector(server.baseURL, ["token": .string("pat-123")])
            _ = try await ConfluenceHarness.poll(bearer)
            #expect(server.requests.last?.headers["authorization"] == "Bearer pat-123")
        }
    }

    @Test func aCloudStyleAnswerInUTCWorksToo() async throws {
        try await RoutedServer.with { server in
            let body = """
                {"results":[{"id":"65601","type":"page","title":"Team home",
                  "space":{"key":"TEAM"},"version":{"by":{"accountId":"5b10a2844c20165700ede21g","publicName":"jdoe"},
                  "when":"2024-05-01T23:59:30.123Z","number":7},"_links":{"webui":"/spaces/TEAM/pages/65601/Team+home"}}],
                 "_links":{"base":"https://example.atlassian.net/wiki","context":"/wiki"}}
                """
            // A Cloud site's URL ends in /wiki, which the connector keeps as the base of every path.
            let connector = try ConfluenceHarness.connector(server.baseURL + "/wiki")
            server.set("/wiki" + ConfluenceHarness.searchPath, .json(body))
            let first = try await ConfluenceHarness.poll(connector)
            #expect(first.items.map(\.title) == ["Team home updated by jdoe"])
            #expect(first.items.first?.link == "https://example.atlassian.net/wiki/spaces/TEAM/pages/65601/Team+home")
            _ = try await ConfluenceHarness.poll(connector, first.cursor)
            #expect(server.requests.last?.path == "/wiki" + ConfluenceHarness.searchPath)
            #expect(server.requests.last?.query["cql"]?.contains(#"lastmodified >= "2024/05/01 23:57""#) == true)
        }
    }

    @Test func aResultWithoutVersionIsSkippedWithAWarning() async throws {
        try await RoutedServer.with { server in
            server.set(ConfluenceHarness.searchPath, .json(#"{"results":[{"id":"1","type":"page","title":"No version"}],"_links":{}}"#))
            let result = try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL))
            #expect(result.items.isEmpty)
            #expect(result.warnings.count == 1)
            #expect(result.cursor == nil, "nothing seen yet: the next poll is still a first poll")
        }
    }
}
