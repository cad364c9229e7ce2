import CrierHTTP
import CrierTestSupport
import Testing

@Suite("Timeouts and body caps")
struct LimitTests {
    @Test("A slow server gives .timeout promptly, with the URL in the message")
    func timeout() async throws {
        try await withFixtureServer({ _ in FixtureResponse(body: Array("late".utf8), delay: .seconds(5)) }) { server in
            try await withClient { client in
                let url = server.baseURL + "/slow"
                let (error, elapsed) = await timed {
                    await sendExpectingError(client, HTTPRequest(url: url, timeout: .milliseconds(500)))
                }
                #expect(error?.code == .timeout)
                #expect(error?.message.contains(url) == true)
                #expect(error?.message.contains("0.5 s") == true)
                #expect(elapsed >= .milliseconds(450))
                // The server answers after 5 s: ending well before that proves the timeout fired.
                #expect(elapsed < .seconds(4), "timed out after \(elapsed)")
            }
        }
    }

    @Test("The configured timeout applies when a request sets none")
    func configuredTimeout() async throws {
        try await withFixtureServer({ _ in FixtureResponse(delay: .seconds(5)) }) { server in
            try await withClient({ $0.timeout = .milliseconds(300) }) { client in
                let (error, elapsed) = await timed { await sendExpectingError(client, HTTPRequest(url: server.baseURL)) }
                #expect(error?.code == .timeout)
                #expect(elapsed < .seconds(4))
            }
        }
    }

    @Test("A 20 MB body with Content-Length is refused under the default 15 MiB cap")
    func contentLengthOverCap() async throws {
        let body = [UInt8](repeating: 120, count: 20_000_000)
        try await withFixtureServer({ _ in FixtureResponse(body: body) }) { server in
            try await withClient { client in
                let error = await sendExpectingError(client, HTTPRequest(url: server.baseURL + "/big"))
                #expect(error?.code == .bodyTooLarge)
                #expect(error?.message.contains("15 MiB") == true)
                #expect(error?.message.contains("/big") == true)
            }
        }
    }

    @Test("A chunked body is cut off once it passes the cap")
    func chunkedOverCap() async throws {
        let body = [UInt8](repeating: 120, count: 2_000_000)
        try await withFixtureServer({ _ in FixtureResponse(body: body, chunked: true) }) { server in
            try await withClient { client in
                var request = HTTPRequest(url: server.baseURL + "/stream")
                request.maxBodyBytes = 1_000_000
                let error = await sendExpectingError(client, request)
                #expect(error?.code == .bodyTooLarge)

                // The same body under a cap it fits is delivered whole.
                request.maxBodyBytes = 2_000_000
                let response = try await client.send(request)
                #expect(response.body.count == 2_000_000)
            }
        }
    }

    @Test("A gzip bomb is stopped at the cap on its decoded size")
    func gzipBomb() async throws {
        let bomb = try Compression.gzippedZeros(count: 50 * 1024 * 1024)
        #expect(bomb.count < 200_000)  // tiny on the wire, so Content-Length cannot catch it
        try await withFixtureServer({ _ in FixtureResponse(headers: [("Content-Encoding", "gzip")], body: bomb) }) { server in
            try await withClient { client in
                let error = await sendExpectingError(client, HTTPRequest(url: server.baseURL + "/bomb"))
                #expect(error?.code == .bodyTooLarge)
            }
        }
    }

    @Test("A body exactly at the cap is accepted")
    func bodyAtCap() async throws {
        try await withFixtureServer({ _ in FixtureResponse(body: [UInt8](repeating: 1, count: 4096)) }) { server in
            try await withClient({ $0.maxBodyBytes = 4096 }) { client in
                let response = try await client.send(HTTPRequest(url: server.baseURL))
                #expect(response.body.count == 4096)
            }
        }
    }
}
