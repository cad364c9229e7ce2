import CrierHTTP
import CrierTestSupport
import Synchronization
import Testing

/// Runs `body` against a fresh fixture server and stops the server afterwards, even on failure.
func withFixtureServer<T>(
    _ handler: @escaping @Sendable (FixtureRequest) async -> FixtureResponse,
    _ body: (FixtureServer) async throws -> T
) async throws -> T {
    let server = try await FixtureServer.start(handler)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Runs `body` with a fresh client and shuts it down afterwards, even on failure.
func withClient<T>(
    _ configure: (inout HTTPClientConfiguration) -> Void = { _ in },
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    var configuration = HTTPClientConfiguration()
    configure(&configuration)
    let client = HTTPClient(configuration: configuration)
    defer { client.shutdown() }
    return try await body(client)
}

/// Collects what the fixture handler saw, for assertions after the request.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func record(_ value: Value) {
        self.storage.withLock { $0.append(value) }
    }

    var all: [Value] { self.storage.withLock { $0 } }
    var last: Value? { self.storage.withLock { $0.last } }
}

/// The time `body` takes on the monotonic clock, with its result.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let value = try await body()
    return (value, start.duration(to: .now))
}

/// Sends `request` and returns the ``HTTPClientError`` it must throw (or `nil`, recorded as a failure).
func sendExpectingError(_ client: HTTPClient, _ request: HTTPRequest) async -> HTTPClientError? {
    do {
        let response = try await client.send(request)
        Issue.record("expected an error, got status \(response.status)")
        return nil
    } catch let error as HTTPClientError {
        return error
    } catch {
        Issue.record("expected HTTPClientError, got \(error)")
        return nil
    }
}
