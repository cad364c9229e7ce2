@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Synchronization
import Testing

/// How the `mediawiki` connector classifies what a failing wiki answers, against a loopback server
/// that answers like one: errors in the body of an HTTP 200 (`maxlag` and `ratelimited` are
/// transient, with `Retry-After`; others permanent), HTTP failures, a body that is not API JSON, and
/// an expired session, after which the connector logs in again once.
///
/// The real wiki (`MediaWikiConnectorTests`) cannot be made to lag or throttle on demand.
@Suite struct MediaWikiFailureTests {
    static let path = "/w/api.php"

    /// An API answer as MediaWiki writes it.
    static func api(_ json: String, headers: [(String, String)] = []) -> FixtureResponse {
        .json(json, headers: headers)
    }

    static func error(_ code: String, _ info: String, headers: [(String, String)] = []) -> FixtureResponse {
        api(#"{"error":{"code":"\#(code)","info":"\#(info)","docref":"See api.php"}}"#, headers: [("MediaWiki-API-Error", code)] + headers)
    }

    static let emptyChanges = api(#"{"batchcomplete":true,"curtimestamp":"2026-06-28T22:48:47Z","query":{"recentchanges":[]}}"#)

    func connector(_ server: RoutedServer, withBot: Bool = false) throws -> any Connector {
        var options: [String: ConfigValue] = ["url": .string(server.url(Self.path))]
        if withBot {
            options["username"] = .string("BridgeBot@bridge")
            options["password"] = .string("bot-password")
        }
        return try Catalog().makeConnector(
            SourceConfig(id: "wiki", type: "mediawiki", options: options),
            context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
    }

    func pollError(answering response: FixtureResponse) async throws -> ConnectorError {
        try await RoutedServer.with { server in
            server.set(Self.path, response)
            let connector = try connector(server)
            return try await #require(throws: ConnectorError.self) {
                try await connector.poll(PollRequest(cursor: nil, validators: .init()), logger: quietLogger)
            }
        }
    }

    @Test func maxlagIsTransientAndWaitsAsTold() async throws {
        let error = try await pollError(answering: Self.error("maxlag", "Waiting for 10.0.0.2: 7 seconds lagged.", headers: [("Retry-After", "7")]))
        #expect(error.kind == .transient)
        #expect(error.retryAfter == .seconds(7))
        #expect(error.message.contains("maxlag"))
    }

    @Test func aThrottleIsTransient() async throws {
        let error = try await pollError(answering: Self.error("ratelimited", "You've exceeded your rate limit."))
        #expect(error.kind == .transient)
    }

    @Test func otherAPIErrorsArePermanentAndSayWhy() async throws {
        let error = try await pollError(answering: Self.error("readapidenied", "You need read permission to use this module."))
        #expect(error.kind == .permanent)
        #expect(error.message.contains("readapidenied"))
        #expect(error.message.contains("You need read permission"))
    }

    @Test(arguments: [500, 502, 503, 429])
    func serverFailuresAreTransient(_ status: Int) async throws {
        let error = try await pollError(answering: .text("busy", status: status))
        #expect(error.kind == .transient)
    }

    @Test(arguments: [403, 404])
    func clientFailuresArePermanent(_ status: Int) async throws {
        let error = try await pollError(answering: .text("no", status: status))
        #expect(error.kind == .permanent)
    }

    @Test func aPageThatIsNotTheAPIIsPermanent() async throws {
        let error = try await pollError(answering: .text("<html><body>Main Page</body></html>", contentType: "text/html"))
        #expect(error.kind == .permanent)
        #expect(error.message.contains("api.php"))
    }

    /// Counts logins and answers like a wiki whose session expires once: the first change-log read
    /// after the first login is refused with `assertuserfailed`.
    final class ExpiringWiki: Sendable {
        let logins = Atomic<Int>(0)
        let reads = Mutex<[String]>([])

        func answer(_ request: FixtureRequest) -> FixtureResponse {
            let action = request.method == "POST" ? formValue(request.body, "action") : request.query["action"]
            if request.query["meta"] == "tokens" { return MediaWikiFailureTests.api(#"{"query":{"tokens":{"logintoken":"lt+\\"}}}"#) }
            if action == "login" {
                let count = logins.add(1, ordering: .relaxed).newValue
                return FixtureResponse(
                    status: 200, headers: [("Content-Type", "application/json"), ("Set-Cookie", "wiki_BPsession=s\(count); path=/; HttpOnly")],
                    body: Array(#"{"login":{"result":"Success","lguserid":3,"lgusername":"BridgeBot"}}"#.utf8))
            }
            let cookie = request.headers["cookie"] ?? ""
            let count = reads.withLock { reads in
                reads.append(cookie)
                return reads.count
            }
            return count == 1
                ? MediaWikiFailureTests.error("assertuserfailed", "You are no longer logged in, so the action could not be completed.")
                : MediaWikiFailureTests.emptyChanges
        }
    }

    @Test func anExpiredSessionLogsInAgainOnce() async throws {
        try await RoutedServer.with { server in
            let wiki = ExpiringWiki()
            server.set(Self.path) { request, _ in wiki.answer(request) }
            let result = try await connector(server, withBot: true).poll(PollRequest(cursor: nil, validators: .init()), logger: quietLogger)
            #expect(result.items.isEmpty)
            #expect(result.cursor != nil)
            #expect(wiki.logins.load(ordering: .relaxed) == 2)
            #expect(wiki.reads.withLock { $0 } == ["wiki_BPsession=s1", "wiki_BPsession=s2"])
            let read = try #require(server.requests.last { $0.query["list"] == "recentchanges" })
            #expect(read.query["assert"] == "user")
            #expect(read.query["rcexcludeuser"] == "BridgeBot")
            #expect(read.query["rcshow"] == "!bot")
        }
    }

    @Test func aRefusedEditIsPermanent() async throws {
        try await RoutedServer.with { server in
            server.set(Self.path) { request, _ in
                if request.query["meta"] == "tokens" {
                    return Self.api(#"{"query":{"tokens":{"logintoken":"lt+\\","csrftoken":"ct+\\"}}}"#)
                }
                switch request.method == "POST" ? formValue(request.body, "action") : request.query["action"] {
                case "login": return Self.api(#"{"login":{"result":"Success","lguserid":3,"lgusername":"BridgeBot"}}"#)
                case "edit": return Self.error("protectedpage", "This page has been protected to prevent editing or other actions.")
                default: return Self.api(#"{"query":{"pages":[{"ns":1,"title":"Talk:Locked","missing":true}]}}"#)
                }
            }
            let item = Item(key: "rc:1", threadKey: "page:Locked", fingerprint: "f", title: "Locked edited by Admin", fields: ["page": "Locked", "namespace": "0"])
            let request = ReplyRequest(item: item, author: ReplyAuthor(displayName: "", handle: "bob"), text: "Hi", url: nil, marker: "m")
            let error = try await #require(throws: ConnectorError.self) {
                try await connector(server, withBot: true).reply(request, logger: quietLogger)
            }
            #expect(error.kind == .permanent)
            #expect(error.message.contains("protectedpage"))
            let edit = try #require(server.requests.last { $0.method == "POST" && formValue($0.body, "action") == "edit" })
            #expect(formValue(edit.body, "title") == "Talk:Locked")
            #expect(formValue(edit.body, "section") == "new")
            #expect(formValue(edit.body, "bot") == "1")
            #expect(formValue(edit.body, "assert") == "user")
            #expect(formValue(edit.body, "token") == "ct+\\")
            #expect(formValue(edit.body, "summary") == "Reply from the microblog by @bob")
        }
    }

    @Test func repliesNeedABotPassword() async throws {
        try await RoutedServer.with { server in
            let item = Item(key: "rc:1", threadKey: "page:P", fingerprint: "f", title: "P", fields: ["page": "P", "namespace": "0"])
            let request = ReplyRequest(item: item, author: ReplyAuthor(displayName: "", handle: "bob"), text: "Hi", url: nil, marker: "m")
            let error = try await #require(throws: ConnectorError.self) {
                try await connector(server).reply(request, logger: quietLogger)
            }
            #expect(error.kind == .permanent)
            #expect(server.requests.isEmpty)
        }
    }
}
