@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// Every way a DokuWiki poll can fail, classified once, each message naming the XML-RPC
/// endpoint: HTTP trouble by status, XML-RPC faults by code, broken bodies as permanent.
@Suite struct DokuWikiFailureTests {
    /// A server answer to `wiki.getRecentChanges` and what the scheduler must make of it.
    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var response: @Sendable () throws -> FixtureResponse
        var kind: ConnectorError.Kind
        var retryAfter: Duration?
        var mentions: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "fault -32603 with 401, no credentials", response: { try DokuWikiFixture.xml("fault-not-authorized.xml", status: 401) },
                kind: .permanent, mentions: "needs a login"),
        Failure(name: "fault -32604 with 403", response: { DokuWikiFixture.fault(-32604, "server error. forbidden to call the method wiki.getRecentChanges", status: 403) },
                kind: .permanent, mentions: "forbidden"),
        Failure(name: "other fault", response: { try DokuWikiFixture.xml("fault-bad-timestamp.xml") }, kind: .permanent, mentions: "not a valid timestamp (fault 311)"),
        Failure(name: "500 with Retry-After", response: { FixtureResponse(status: 500, headers: [("Retry-After", "120")], body: try Fixtures.bytes("dokuwiki/php-error.html")) },
                kind: .transient, retryAfter: .seconds(120), mentions: "HTTP 500"),
        Failure(name: "503", response: { .text("Service Unavailable", status: 503) }, kind: .transient, mentions: "HTTP 503"),
        Failure(name: "429 with Retry-After", response: { FixtureResponse(status: 429, headers: [("Retry-After", "30")]) },
                kind: .transient, retryAfter: .seconds(30), mentions: "HTTP 429"),
        Failure(name: "401 without a fault", response: { .text("Unauthorized", status: 401, contentType: "text/html") }, kind: .permanent, mentions: "HTTP 401"),
        Failure(name: "404", response: { .text("Not Found", status: 404, contentType: "text/html") }, kind: .permanent, mentions: "HTTP 404"),
        Failure(name: "a PHP error page with 200", response: { FixtureResponse(status: 200, headers: [("Content-Type", "text/html")], body: try Fixtures.bytes("dokuwiki/php-error.html")) },
                kind: .permanent, mentions: "did not answer with XML-RPC"),
        Failure(name: "malformed XML", response: { try DokuWikiFixture.xml("malformed.xml") }, kind: .permanent, mentions: "not XML"),
        Failure(name: "XML that is no methodResponse", response: { .text("<html><body>Maintenance</body></html>", contentType: "text/xml") },
                kind: .permanent, mentions: "<methodResponse>"),
        Failure(name: "an answer that is no array", response: { try DokuWikiFixture.xml("boolean-true.xml") }, kind: .permanent, mentions: "no array"),
    ]

    @Test(arguments: failures)
    func aFailedPollIsClassified(_ failure: Failure) async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("wiki.getRecentChanges", try failure.response())
            let error = try await #require(throws: ConnectorError.self) {
                try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url))
            }
            #expect(error.kind == failure.kind)
            #expect(error.retryAfter == failure.retryAfter)
            #expect(error.message.contains(wiki.endpoint), "\(error.message)")
            #expect(error.message.contains(failure.mentions), "\(error.message)")
        }
    }

    @Test func aRefusedLoginIsPermanent() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("dokuwiki.login", try DokuWikiFixture.xml("boolean-false.xml"))
            let connector = try DokuWikiHarness.connector(wiki.url, ["username": .string("crier-bot"), "password": .string("wrong")])
            let error = try await #require(throws: ConnectorError.self) { try await DokuWikiHarness.poll(connector) }
            #expect(error.kind == .permanent)
            #expect(error.message.contains("crier-bot"))
            #expect(error.message.contains(wiki.endpoint))
            #expect(wiki.calls.map(\.method) == ["dokuwiki.login"])
        }
    }

    @Test func stillUnauthorizedAfterAFreshLoginIsPermanent() async throws {
        try await DokuWikiFixture.with { wiki in
            wiki.on("dokuwiki.login", try DokuWikiFixture.xml("boolean-true.xml", headers: [("Set-Cookie", "DokuWiki=s; path=/")]))
            wiki.on("wiki.getRecentChanges", try DokuWikiFixture.xml("fault-not-authorized.xml", status: 401))
            let connector = try DokuWikiHarness.connector(wiki.url, ["username": .string("crier-bot"), "password": .string("pw")])
            let error = try await #require(throws: ConnectorError.self) { try await DokuWikiHarness.poll(connector) }
            #expect(error.kind == .permanent)
            #expect(error.message.contains("not authorized"))
            #expect(wiki.calls.map(\.method) == ["dokuwiki.login", "wiki.getRecentChanges", "dokuwiki.login", "wiki.getRecentChanges"])
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let url = "http://127.0.0.1:\(freeLoopbackPort())"  // nothing listens there
        let error = try await #require(throws: ConnectorError.self) {
            try await DokuWikiHarness.poll(try DokuWikiHarness.connector(url))
        }
        #expect(error.kind == .transient)
        #expect(error.message.contains(url + "/lib/exe/xmlrpc.php"))
    }

    @Test func anUnreadableCursorIsPermanent() async throws {
        try await DokuWikiFixture.with { wiki in
            let error = try await #require(throws: ConnectorError.self) {
                try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url), #"{"newest":"soon"}"#)
            }
            #expect(error.kind == .permanent)
            #expect(error.message.contains(wiki.url))
            #expect(wiki.calls.isEmpty)
        }
    }
}
