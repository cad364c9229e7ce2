import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// The feed connector over real HTTP on loopback: conditional GET with the validators the state
/// store keeps, every failure classified once (transient or permanent, with the server's
/// `Retry-After`), and the feed's `ttl` or the response's `max-age` offered as the next interval.
@Suite struct FeedHTTPTests {
    static let etag = "\"liftoff-1\""
    static let lastModified = "Tue, 10 Jun 2003 09:41:01 GMT"

    @Test func storedValidatorsTurnTheNextPollIntoANotModified() async throws {
        try await RoutedServer.with { server in
            let bytes = try Fixtures.bytes("rss2-sample.xml")
            server.set("/rss.xml") { request, _ in
                // Like nginx: the 304 repeats the ETag and leaves out Last-Modified.
                if request.headers["if-none-match"] == Self.etag { return FixtureResponse(status: 304, headers: [("ETag", Self.etag)]) }
                return .feed(bytes, headers: [("ETag", Self.etag), ("Last-Modified", Self.lastModified)])
            }
            let connector = try FeedHarness.connector(server.url("/rss.xml"))
            let store = try StateStore()

            let first = try await FeedHarness.poll(connector)
            #expect(!first.notModified)
            #expect(first.validators == Validators(etag: Self.etag, lastModified: Self.lastModified))
            try FeedHarness.commit(first, to: store)

            let saved = try #require(try store.sourceState("feed"))
            let second = try await FeedHarness.poll(connector, validators: Validators(etag: saved.etag, lastModified: saved.lastModified))
            let sent = try #require(server.requests.last)
            #expect(sent.headers["if-none-match"] == Self.etag)
            #expect(sent.headers["if-modified-since"] == Self.lastModified)
            #expect(second.notModified)
            #expect(second.items.isEmpty)
            #expect(second.validators.etag == Self.etag)

            // Committing the 304 keeps both validators for the poll after it.
            try FeedHarness.commit(second, to: store)
            let kept = try #require(try store.sourceState("feed"))
            #expect(kept.etag == Self.etag)
            #expect(kept.lastModified == Self.lastModified)
            #expect(try store.itemCounts(sourceId: "feed").departed == 0, "a 304 does not empty the window")
        }
    }

    /// A server failure and what the scheduler must make of it.
    struct Failure: Sendable, CustomTestStringConvertible {
        var response: FixtureResponse
        var kind: ConnectorError.Kind
        var retryAfter: Duration?
        var testDescription: String { "HTTP \(response.status) \(response.headers.map { "\($0.0): \($0.1)" }.joined(separator: ", "))" }
    }

    static let failures: [Failure] = [
        Failure(response: .text("boom", status: 500), kind: .transient),
        Failure(response: FixtureResponse(status: 503, headers: [("Retry-After", "120")]), kind: .transient, retryAfter: .seconds(120)),
        Failure(response: .text("slow down", status: 429), kind: .transient),
        Failure(response: FixtureResponse(status: 429, headers: [("Retry-After", "30")]), kind: .transient, retryAfter: .seconds(30)),
        Failure(response: .text("not found", status: 404), kind: .permanent),
        Failure(response: .text("gone", status: 410), kind: .permanent),
        Failure(response: .text("who are you", status: 401), kind: .permanent),
    ]

    @Test(arguments: failures)
    func httpFailuresAreClassified(_ failure: Failure) async throws {
        try await RoutedServer.with { server in
            server.set("/feed.xml", failure.response)
            let url = server.url("/feed.xml")
            let error = try await #require(throws: ConnectorError.self) {
                try await FeedHarness.poll(try FeedHarness.connector(url))
            }
            #expect(error.kind == failure.kind)
            #expect(error.retryAfter == failure.retryAfter)
            #expect(error.message.contains("\(failure.response.status)"))
            #expect(error.message.contains(url))
        }
    }

    @Test func anHTMLPageIsAPermanentErrorNamingTheURL() async throws {
        try await RoutedServer.with { server in
            server.set("/news/feed", .feed(try Fixtures.bytes("not-a-feed.html"), contentType: "text/html; charset=utf-8"))
            let url = server.url("/news/feed")
            let error = try await #require(throws: ConnectorError.self) {
                try await FeedHarness.poll(try FeedHarness.connector(url))
            }
            #expect(error.kind == .permanent)
            #expect(error.message.contains(url))
            #expect(error.message.contains("html"))
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let url = "http://127.0.0.1:\(freeLoopbackPort())/feed.xml"  // nothing listens there
        let error = try await #require(throws: ConnectorError.self) {
            try await FeedHarness.poll(try FeedHarness.connector(url))
        }
        #expect(error.kind == .transient)
        #expect(!error.message.isEmpty)
    }

    /// A feed and cache headers, and the interval the connector suggests.
    struct Hint: Sendable, CustomTestStringConvertible {
        var fixture: String
        var headers: [(String, String)]
        var status = 200
        var expected: Duration?
        var testDescription: String { "\(fixture) \(status) \(headers.map(\.1))" }
    }

    static let hints: [Hint] = [
        Hint(fixture: "rss2-sample.xml", headers: [], expected: .seconds(60 * 60)),
        Hint(fixture: "jsonfeed-1.1.json", headers: [("Cache-Control", "public, max-age=900")], expected: .seconds(900)),
        Hint(fixture: "rss2-sample.xml", headers: [("Cache-Control", "max-age=120")], expected: .seconds(60 * 60)),
        Hint(fixture: "rss2-sample.xml", headers: [("Cache-Control", "max-age=7200")], expected: .seconds(7200)),
        Hint(fixture: "jsonfeed-1.1.json", headers: [("Cache-Control", "no-cache, max-age=900")], expected: nil),
        Hint(fixture: "jsonfeed-1.1.json", headers: [], expected: nil),
        Hint(fixture: "rss2-sample.xml", headers: [("ETag", etag), ("Cache-Control", "max-age=600")], status: 304, expected: .seconds(600)),
    ]

    @Test(arguments: hints)
    func ttlAndMaxAgeBecomeTheSuggestedInterval(_ hint: Hint) async throws {
        try await RoutedServer.with { server in
            let response = hint.status == 304
                ? FixtureResponse(status: 304, headers: hint.headers)
                : .feed(try Fixtures.bytes(hint.fixture), headers: hint.headers)
            server.set("/feed", response)
            let result = try await FeedHarness.poll(try FeedHarness.connector(server.url("/feed")), validators: Validators(etag: Self.etag))
            #expect(result.notModified == (hint.status == 304))
            #expect(result.suggestedInterval == hint.expected)
        }
    }
}
