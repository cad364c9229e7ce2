import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 for tests and benchmarks, answering every request with
/// the handler given to ``start(_:)``.
///
/// ```swift
/// let server = try await FixtureServer.start { _ in .text("hello") }
/// let response = try await client.send(HTTPRequest(url: server.baseURL + "/hello"))
/// await server.stop()   // also on failure paths: the server lives only as long as its test
/// ```
///
/// NIO sets `TCP_NODELAY` on the listening socket and accepted sockets inherit it, so keep-alive
/// requests do not stall on Nagle's algorithm.
public final class FixtureServer: Sendable {
    /// The port the kernel assigned.
    public let port: Int
    private let task: Task<Void, Never>

    /// `"http://127.0.0.1:PORT"`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(self.port)" }

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// Binds 127.0.0.1 on an ephemeral port; the handler answers every request.
    ///
    /// Returns once the server accepts connections.
    public static func start(_ handler: @escaping @Sendable (FixtureRequest) async -> FixtureResponse) async throws -> FixtureServer {
        let startup = StartupSignal()
        let app = Application(
            responder: FixtureResponder(handler: handler),
            configuration: ApplicationConfiguration(
                address: .hostname("127.0.0.1", port: 0),
                // Benchmarks open about a thousand keep-alive connections at once.
                backlog: 2048
            ),
            onServerRunning: { channel in
                startup.resolve(.success(channel.localAddress?.port ?? 0))
            },
            logger: Logger(label: "crier.fixture", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task {
            do {
                try await app.run()
                startup.resolve(.failure(FixtureServerError.stoppedBeforeStarting))
            } catch {
                startup.resolve(.failure(error))
            }
        }
        do {
            let port = try await startup.wait()
            return FixtureServer(port: port, task: task)
        } catch {
            task.cancel()
            await task.value
            throw error
        }
    }

    /// Stops the server: cancelling the run task closes the listener and every connection, and
    /// wakes delayed handlers, so this returns promptly.
    public func stop() async {
        self.task.cancel()
        await self.task.value
    }
}

/// Why ``FixtureServer/start(_:)`` failed without an underlying error.
enum FixtureServerError: Error {
    case stoppedBeforeStarting
}

/// Hands the bound port from Hummingbird's `onServerRunning` (or a startup failure) to
/// ``FixtureServer/start(_:)``, whichever happens first, exactly once.
private final class StartupSignal: Sendable {
    private struct State {
        var result: Result<Int, any Error>?
        var waiter: CheckedContinuation<Int, any Error>?
    }
    private let state = Mutex(State())

    func resolve(_ result: Result<Int, any Error>) {
        let waiter = self.state.withLock { state -> CheckedContinuation<Int, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = self.state.withLock { state -> Result<Int, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
