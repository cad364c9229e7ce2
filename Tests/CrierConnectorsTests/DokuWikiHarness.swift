@testable import CrierConnectors
import CrierCore
import CrierFormats
import CrierTestSupport
import Foundation
import Synchronization
import Testing

/// A loopback DokuWiki: answers XML-RPC calls at `/lib/exe/xmlrpc.php` by method name with the
/// fixtures under `Fixtures/dokuwiki/`, and records every call it received.
final class DokuWikiFixture: Sendable {
    /// One call as the server received it.
    struct Call: Sendable {
        var method: String
        var params: [XMLRPCValue]
        var cookie: String?
        var contentType: String?
    }

    /// Answers one method; gets the call and how many calls of that method came before it.
    typealias Handler = @Sendable (Call, Int) -> FixtureResponse

    /// The handlers and the call log, shared with the server's handler.
    private final class Book: Sendable {
        let handlers = Mutex<[String: Handler]>([:])
        let calls = Mutex<[Call]>([])

        func answer(_ request: FixtureRequest) -> FixtureResponse {
            guard request.path == DokuWikiFixture.endpointPath, request.method == "POST",
                  let call = DokuWikiFixture.parse(request) else { return .text("Not Found", status: 404) }
            let count = calls.withLock { calls in
                defer { calls.append(call) }
                return calls.count { $0.method == call.method }
            }
            let handler = handlers.withLock { $0[call.method] }
            return handler?(call, count) ?? DokuWikiFixture.fault(-32601, "server error. requested method \(call.method) does not exist.")
        }
    }

    static let endpointPath = "/lib/exe/xmlrpc.php"
    private let book: Book
    let server: FixtureServer

    private init(server: FixtureServer, book: Book) {
        self.server = server
        self.book = book
    }

    static func start() async throws -> DokuWikiFixture {
        let book = Book()
        let server = try await FixtureServer.start { request in book.answer(request) }
        return DokuWikiFixture(server: server, book: book)
    }

    /// Runs `body` against a fresh server and always stops the server afterwards.
    static func with<T>(_ body: (DokuWikiFixture) async throws -> T) async throws -> T {
        let wiki = try await start()
        do {
            let result = try await body(wiki)
            await wiki.server.stop()
            return result
        } catch {
            await wiki.server.stop()
            throw error
        }
    }

    /// The wiki's base URL (the `url` option).
    var url: String { server.baseURL }
    var endpoint: String { server.baseURL + Self.endpointPath }

    func on(_ method: String, _ response: FixtureResponse) { book.handlers.withLock { $0[method] = { _, _ in response } } }
    func on(_ method: String, handler: @escaping Handler) { book.handlers.withLock { $0[method] = handler } }

    /// Every call answered, oldest first.
    var calls: [Call] { book.calls.withLock { $0 } }
    func calls(_ method: String) -> [Call] { calls.filter { $0.method == method } }

    /// A fixture file as an XML-RPC answer, the way PHP's IXR server sends it.
    static func xml(_ name: String, status: Int = 200, headers: [(String, String)] = []) throws -> FixtureResponse {
        FixtureResponse(status: status, headers: [("Content-Type", "text/xml")] + headers, body: try Fixtures.bytes("dokuwiki/" + name))
    }

    static func fault(_ code: Int, _ message: String, status: Int = 200) -> FixtureResponse {
        let body = """
            <?xml version="1.0"?>
            <methodResponse><fault><value><struct>
            <member><name>faultCode</name><value><int>\(code)</int></value></member>
            <member><name>faultString</name><value><string>\(message)</string></value></member>
            </struct></value></fault></methodResponse>
            """
        return FixtureResponse(status: status, headers: [("Content-Type", "text/xml")], body: Array(body.utf8))
    }

    /// Reads a `methodCall` with the same safe XML tree the connector uses for answers.
    static func parse(_ request: FixtureRequest) -> Call? {
        guard let root = try? XMLTree.parse(request.body), root.name == "methodCall",
              let method = root.child("methodName")?.text else { return nil }
        let params = (root.child("params")?.children("param") ?? []).compactMap { param in
            param.child("value").flatMap { try? XMLRPCDecoder.value($0) }
        }
        return Call(method: method, params: params, cookie: request.headers["cookie"], contentType: request.headers["content-type"])
    }
}

/// Builds `dokuwiki` sources the way the daemon does, with a fixed clock for the first poll.
enum DokuWikiHarness {
    /// 2024-05-01T08:05:00Z, shortly after the newest change of the fixtures.
    static let now = Date(timeIntervalSince1970: 1_714_550_700)

    static func options(_ url: String, _ extra: [String: ConfigValue] = [:]) -> [String: ConfigValue] {
        var options: [String: ConfigValue] = ["url": .string(url)]
        options.merge(extra) { _, new in new }
        return options
    }

    static func connector(_ url: String, _ extra: [String: ConfigValue] = [:]) throws -> DokuWikiConnector {
        let options = options(url, extra)
        #expect(Catalog().validateSource(type: "dokuwiki", options: options).isEmpty)
        return DokuWikiConnector(options: DokuWikiOptions(options: options), http: sharedHTTP, now: { now })
    }

    static func poll(_ connector: any Connector, _ cursor: String? = nil) async throws -> PollResult {
        try await connector.poll(PollRequest(cursor: cursor, validators: .init()), logger: quietLogger)
    }

    static func reply(to item: Item, text: String = "Sounds good & thanks", url: String? = "https://hub.example/@news/42") -> ReplyRequest {
        ReplyRequest(item: item, author: ReplyAuthor(displayName: "Erin", handle: "erin"), text: text, url: url, marker: "crier-0123456789abcdef")
    }
}
