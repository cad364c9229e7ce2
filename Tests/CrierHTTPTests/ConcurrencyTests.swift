import CrierHTTP
import CrierTestSupport
import Synchronization
import Testing

/// Tracks how many handler calls overlap, which is how many connections the client has open.
final class ConcurrencyGauge: Sendable {
    private let state = Mutex<(current: Int, peak: Int)>((0, 0))

    func enter() {
        self.state.withLock { state in
            state.current += 1
            state.peak = max(state.peak, state.current)
        }
    }

    func leave() {
        self.state.withLock { $0.current -= 1 }
    }

    var peak: Int { self.state.withLock { $0.peak } }
}

@Suite("Concurrency, cancellation and shutdown")
struct ConcurrencyTests {
    @Test("100 parallel requests all succeed over at most 6 connections")
    func parallelRequests() async throws {
        let gauge = ConcurrencyGauge()
        try await withFixtureServer({ request in
            gauge.enter()
            try? await Task.sleep(for: .milliseconds(20))
            gauge.leave()
            return .text("echo \(request.path)")
        }) { server in
            try await withClient({ $0.maxConnectionsPerHost = 6 }) { client in
                let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            let response = try await client.send(HTTPRequest(url: server.baseURL + "/\(index)"))
                            #expect(response.status == 200)
                            return (index, String(decoding: response.body, as: UTF8.self))
                        }
                    }
                    var bodies: [Int: String] = [:]
                    for try await (index, body) in group { bodies[index] = body }
                    return bodies
                }
                #expect(bodies.count == 100)
                #expect((0..<100).allSatisfy { bodies[$0] == "echo /\($0)" })
                #expect(gauge.peak <= 6, "peak of \(gauge.peak) concurrent requests")
                #expect(gauge.peak >= 2, "requests ran one at a time")
            }
        }
    }

    @Test("Cancelling the task aborts a slow request quickly with .cancelled")
    func cancellation() async throws {
        try await withFixtureServer({ _ in FixtureResponse(delay: .seconds(5)) }) { server in
            try await withClient { client in
                let task = Task { try await client.send(HTTPRequest(url: server.baseURL + "/slow")) }
                try await Task.sleep(for: .milliseconds(200))
                let (result, elapsed) = await timed {
                    task.cancel()
                    return await task.result
                }
                // The server answers after 5 s: ending well before that proves the transfer was aborted.
                #expect(elapsed < .seconds(4), "cancellation took \(elapsed)")
                #expect(throws: HTTPClientError.self) { try result.get() }
                if case .failure(let error as HTTPClientError) = result {
                    #expect(error.code == .cancelled)
                }

                // The client is still usable afterwards.
                let quick = try await withFixtureServer({ _ in .text("ok") }) { other in
                    try await client.send(HTTPRequest(url: other.baseURL))
                }
                #expect(quick.status == 200)
            }
        }
    }

    @Test("A task cancelled before sending fails with .cancelled without reaching the server")
    func cancelledBeforeSending() async throws {
        let seen = Recorder<String>()
        try await withFixtureServer({ request in
            seen.record(request.path)
            return .text("ok")
        }) { server in
            try await withClient { client in
                let task = Task {
                    withUnsafeCurrentTask { $0?.cancel() }
                    return try await client.send(HTTPRequest(url: server.baseURL + "/never"))
                }
                let result = await task.result
                guard case .failure(let error as HTTPClientError) = result else {
                    Issue.record("expected HTTPClientError, got \(result)")
                    return
                }
                #expect(error.code == .cancelled)
                #expect(seen.all.isEmpty)
            }
        }
    }

    @Test("shutdown fails pending and later requests with .cancelled, and is idempotent")
    func shutdown() async throws {
        try await withFixtureServer({ _ in FixtureResponse(delay: .seconds(5)) }) { server in
            let client = HTTPClient()
            let pending = Task { try await client.send(HTTPRequest(url: server.baseURL + "/slow")) }
            try await Task.sleep(for: .milliseconds(200))
            let (result, elapsed) = await timed {
                client.shutdown()
                client.shutdown()
                return await pending.result
            }
            #expect(elapsed < .seconds(4))
            if case .failure(let error as HTTPClientError) = result {
                #expect(error.code == .cancelled)
            } else {
                Issue.record("expected .cancelled, got \(result)")
            }
            let later = await sendExpectingError(client, HTTPRequest(url: server.baseURL))
            #expect(later?.code == .cancelled)
        }
    }
}
