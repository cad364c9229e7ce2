@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// Every way a Confluence poll can fail, classified once: what a retry can fix is transient
/// (with the server's `Retry-After`), what needs an operator is permanent, and every message
/// names the URL that failed.
@Suite struct ConfluenceFailureTests {
    /// A server answer and what the scheduler must make of it.
    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var response: @Sendable () throws -> FixtureResponse
        var kind: ConnectorError.Kind
        var retryAfter: Duration?
        var mentions: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "401", response: { .json(#"{"statusCode":401,"message":"Authentication required"}"#, status: 401) },
                kind: .permanent, mentions: "401"),
        Failure(name: "403", response: { .json(#"{"statusCode":403,"message":"Not permitted to use confluence"}"#, status: 403) },
                kind: .permanent, mentions: "Not permitted"),
        Failure(name: "404", response: { .text("Not Found", status: 404) }, kind: .permanent, mentions: "404"),
        Failure(name: "500 with Retry-After", response: { FixtureResponse(status: 500, headers: [("Retry-After", "120")], body: Array("oops".utf8)) },
                kind: .transient, retryAfter: .seconds(120), mentions: "500"),
        Failure(name: "503", response: { .text("Service Unavailable", status: 503) }, kind: .transient, mentions: "503"),
        Failure(name: "429 with Retry-After", response: { .json(#"{"message":"Rate limit exceeded"}"#, status: 429, headers: [("Retry-After", "30")]) },
                kind: .transient, retryAfter: .seconds(30), mentions: "Rate limit"),
        Failure(name: "an SSO login page with 200", response: { .text(String(decoding: try Fixtures.bytes("confluence/login-page.html"), as: UTF8.self), contentType: "text/html") },
                kind: .permanent, mentions: "HTML"),
        Failure(name: "malformed JSON", response: { .json(#"{"results": [{"id": "1", "type": "page""#) }, kind: .permanent, mentions: "JSON"),
        Failure(name: "JSON of another shape", response: { .json(#"{"items": []}"#) }, kind: .permanent, mentions: "results"),
    ]

    @Test(arguments: failures)
    func aFailedPollIsClassified(_ failure: Failure) async throws {
        try await RoutedServer.with { server in
            let response = try failure.response()
            server.set(ConfluenceHarness.searchPath, response)
            let error = try await #require(throws: ConnectorError.self) {
                try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL))
            }
            #expect(error.kind == failure.kind)
            #expect(error.retryAfter == failure.retryAfter)
            #expect(error.message.contains(server.baseURL + ConfluenceHarness.searchPath), "\(error.message)")
            #expect(error.message.contains(failure.mentions), "\(error.message)")
            #expect(!error.message.contains("cql="), "the query string stays out of the message")
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let url = "http://127.0.0.1:\(freeLoopbackPort())"  // nothing listens there
        let error = try await #require(throws: ConnectorError.self) {
            try await ConfluenceHarness.poll(try ConfluenceHarness.connector(url))
        }
        #expect(error.kind == .transient)
        #expect(error.message.contains(url))
    }

    @Test func aNextLinkToAnotherSiteIsNotFollowed() async throws {
        try await RoutedServer.with { server in
            server.set(ConfluenceHarness.searchPath, .json("""
                {"results":[{"id":"1","type":"page","title":"A","version":{"when":"2024-05-01T12:00:00.000Z","number":2}}],
                 "_links":{"base":"http://127.0.0.1:1","next":"http://elsewhere.example/rest/api/content/search?start=1"}}
                """))
            let cursor = ConfluenceCursor(newest: "2024-05-01T11:00:00.000Z", seen: [:]).encoded
            let error = try await #require(throws: ConnectorError.self) {
                try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL, ["token": .string("pat")]), cursor)
            }
            #expect(error.kind == .permanent)
            #expect(error.message.contains("another site"))
            #expect(error.message.contains(server.baseURL))
            #expect(server.requests.count == 1)
        }
    }

    @Test func anUnreadableCursorIsPermanent() async throws {
        try await RoutedServer.with { server in
            try ConfluenceHarness.serveSearch(server)
            let error = try await #require(throws: ConnectorError.self) {
                try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL), "not json")
            }
            #expect(error.kind == .permanent)
            #expect(error.message.contains(server.baseURL))
            #expect(server.requests.isEmpty)
        }
    }
}
