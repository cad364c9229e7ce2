import CrierHTTP
import CrierTestSupport
import Foundation
import Testing

@Suite("Redirects and protocols")
struct RedirectAndProtocolTests {
    /// `/hop/N` redirects to `/hop/N-1`; `/hop/0` answers.
    static func hops(_ request: FixtureRequest) -> FixtureResponse {
        guard request.path.hasPrefix("/hop/"), let remaining = Int(request.path.dropFirst(5)) else {
            return .text("no", status: 404)
        }
        if remaining == 0 {
            return FixtureResponse(headers: [("X-Final", "yes")], body: Array("arrived".utf8))
        }
        return FixtureResponse(status: 302, headers: [("Location", "/hop/\(remaining - 1)"), ("X-Hop", "\(remaining)")])
    }

    @Test("Three redirects are followed and only the final response's headers are kept")
    func threeHops() async throws {
        try await withFixtureServer(Self.hops) { server in
            try await withClient { client in
                let response = try await client.send(HTTPRequest(url: server.baseURL + "/hop/3"))
                #expect(response.status == 200)
                #expect(response.body == Array("arrived".utf8))
                #expect(response.effectiveURL == server.baseURL + "/hop/0")
                #expect(response.headers["X-Final"] == "yes")
                #expect(response.headers.values("X-Hop").isEmpty)
                #expect(response.headers["Location"] == nil)
            }
        }
    }

    @Test("Six redirects exceed the default limit of five")
    func sixHops() async throws {
        try await withFixtureServer(Self.hops) { server in
            try await withClient { client in
                let five = try await client.send(HTTPRequest(url: server.baseURL + "/hop/5"))
                #expect(five.status == 200)
                let error = await sendExpectingError(client, HTTPRequest(url: server.baseURL + "/hop/6"))
                #expect(error?.code == .tooManyRedirects)
                #expect(error?.message.contains("/hop/6") == true)
            }
        }
    }

    @Test("file:// is refused by default and read when allowFile is set")
    func fileURLs() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crier-http-\(UUID().uuidString).txt").path
        try Data("local feed".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        try await withClient { client in
            let refused = await sendExpectingError(client, HTTPRequest(url: "file://" + path))
            #expect(refused?.code == .unsupportedProtocol)
            #expect(refused?.message.contains(path) == true)

            var allowed = HTTPRequest(url: "file://" + path)
            allowed.allowFile = true
            let response = try await client.send(allowed)
            #expect(response.status == 200)
            #expect(response.body == Array("local feed".utf8))
        }
    }

    @Test("A redirect to file:// is refused even when allowFile is set")
    func redirectToFile() async throws {
        try await withFixtureServer({ _ in FixtureResponse(status: 302, headers: [("Location", "file:///etc/passwd")]) }) { server in
            try await withClient { client in
                var request = HTTPRequest(url: server.baseURL + "/sneaky")
                request.allowFile = true
                let error = await sendExpectingError(client, request)
                #expect(error?.code == .unsupportedProtocol)
            }
        }
    }

    @Test("Other schemes are refused")
    func otherSchemes() async throws {
        try await withClient { client in
            for url in ["ftp://127.0.0.1/x", "gopher://127.0.0.1/x", "dict://127.0.0.1/x"] {
                let error = await sendExpectingError(client, HTTPRequest(url: url))
                #expect(error?.code == .unsupportedProtocol, "\(url)")
            }
        }
    }

    @Test("A configured proxy receives the request for the origin")
    func proxy() async throws {
        let seen = Recorder<FixtureRequest>()
        try await withFixtureServer({ request in
            seen.record(request)
            return .text("via proxy")
        }) { proxy in
            try await withClient({ $0.proxy = proxy.baseURL }) { client in
                // The .invalid name never resolves, so only a proxied request can succeed.
                let response = try await client.send(HTTPRequest(url: "http://feeds.example.invalid/news?page=2"))
                #expect(response.status == 200)
                #expect(response.body == Array("via proxy".utf8))
                let received = try #require(seen.last)
                #expect(received.headers["host"] == "feeds.example.invalid")
                #expect(received.path == "/news")
                #expect(received.query == ["page": "2"])
            }
        }
    }

    @Test("A TLS handshake with a plain HTTP server gives .tls")
    func tlsFailure() async throws {
        try await withFixtureServer({ _ in .text("plain") }) { server in
            try await withClient { client in
                let url = "https://127.0.0.1:\(server.port)/"
                let error = await sendExpectingError(client, HTTPRequest(url: url, timeout: .seconds(5)))
                #expect(error?.code == .tls)
                #expect(error?.message.contains(url) == true)
            }
        }
    }

    @Test("A closed port gives .couldNotConnect")
    func closedPort() async throws {
        let server = try await FixtureServer.start { _ in .text("x") }
        let url = server.baseURL + "/"
        await server.stop()
        try await withClient { client in
            let error = await sendExpectingError(client, HTTPRequest(url: url))
            #expect(error?.code == .couldNotConnect)
            #expect(error?.message.contains(url) == true)
        }
    }
}
