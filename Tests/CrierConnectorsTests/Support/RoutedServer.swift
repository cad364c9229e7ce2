import CrierTestSupport
import Synchronization

/// A loopback fixture server whose answers a test changes while it runs, and which remembers the
/// requests it saw, in order.
final class RoutedServer: Sendable {
    /// Answers one path; gets the request and how many requests that path had before it.
    typealias Handler = @Sendable (FixtureRequest, Int) -> FixtureResponse

    /// The routes and the request log, shared with the server's handler.
    private final class Book: Sendable {
        let routes = Mutex<[String: Handler]>([:])
        let seen = Mutex<[FixtureRequest]>([])

        func answer(_ request: FixtureRequest) -> FixtureResponse {
            let count = seen.withLock { seen in
                defer { seen.append(request) }
                return seen.count { $0.path == request.path }
            }
            let handler = routes.withLock { $0[request.path] }
            return handler?(request, count) ?? .text("no such path", status: 404)
        }
    }

    private let book: Book
    let server: FixtureServer

    private init(server: FixtureServer, book: Book) {
        self.server = server
        self.book = book
    }

    /// Starts a server on 127.0.0.1; paths without a route answer 404.
    static func start() async throws -> RoutedServer {
        let book = Book()
        let server = try await FixtureServer.start { request in book.answer(request) }
        return RoutedServer(server: server, book: book)
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { server.baseURL }

    func url(_ path: String) -> String { server.baseURL + path }

    /// Serves `response` at `path` from now on.
    func set(_ path: String, _ response: FixtureResponse) { book.routes.withLock { $0[path] = { _, _ in response } } }

    /// Lets `handler` answer `path` from now on.
    func set(_ path: String, handler: @escaping Handler) { book.routes.withLock { $0[path] = handler } }

    /// Every request the server answered, oldest first.
    var requests: [FixtureRequest] { book.seen.withLock { $0 } }

    func stop() async { await server.stop() }
}

extension FixtureResponse {
    /// A feed document with its media type.
    static func feed(_ bytes: [UInt8], contentType: String = "application/rss+xml", headers: [(String, String)] = []) -> FixtureResponse {
        FixtureResponse(status: 200, headers: [("Content-Type", contentType)] + headers, body: bytes)
    }

    /// A JSON body, as Mastodon answers.
    static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> FixtureResponse {
        FixtureResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: Array(text.utf8))
    }
}

extension RoutedServer {
    /// Runs `body` against a fresh server and always stops the server afterwards.
    static func with<T>(_ body: (RoutedServer) async throws -> T) async throws -> T {
        let server = try await start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
