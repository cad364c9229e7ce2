import CrierHTTP
import CrierTestSupport
import Testing

@Suite("Requests and responses")
struct RequestResponseTests {
    @Test("GET returns status, body and every header of the response")
    func getReturnsBodyAndHeaders() async throws {
        try await withFixtureServer({ request in
            FixtureResponse(
                status: 200,
                headers: [("Content-Type", "text/plain"), ("X-Test", "one"), ("x-test", "two")],
                body: Array("hello \(request.path)".utf8)
            )
        }) { server in
            try await withClient { client in
                let response = try await client.send(HTTPRequest(url: server.baseURL + "/greeting"))
                #expect(response.status == 200)
                #expect(response.body == Array("hello /greeting".utf8))
                #expect(response.headers["content-type"] == "text/plain")
                #expect(response.headers.values("X-TEST") == ["one", "two"])
                #expect(response.headers["Content-Length"] == "15")
                #expect(response.effectiveURL == server.baseURL + "/greeting")
            }
        }
    }

    @Test("Non-2xx statuses are responses, not errors")
    func errorStatusIsAResponse() async throws {
        try await withFixtureServer({ _ in .text("gone", status: 404) }) { server in
            try await withClient { client in
                let response = try await client.send(HTTPRequest(url: server.baseURL + "/missing"))
                #expect(response.status == 404)
                #expect(response.body == Array("gone".utf8))
            }
        }
    }

    @Test("The User-Agent is Crier/<version> unless the request overrides it")
    func userAgent() async throws {
        let seen = Recorder<String>()
        try await withFixtureServer({ request in
            seen.record(request.headers["user-agent"] ?? "")
            return .text("ok")
        }) { server in
            try await withClient { client in
                _ = try await client.send(HTTPRequest(url: server.baseURL))
                #expect(seen.last == "Crier/\(CrierVersion.string)")
                #expect(seen.last?.hasPrefix("Crier/") == true)

                _ = try await client.send(HTTPRequest(url: server.baseURL, headers: HTTPHeaders([("User-Agent", "Custom/1")])))
                #expect(seen.last == "Custom/1")
            }
        }
    }

    @Test("POST delivers method, body bytes and headers intact")
    func postBodyAndHeaders() async throws {
        let seen = Recorder<FixtureRequest>()
        let payload = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // binary, includes NULs
        try await withFixtureServer({ request in
            seen.record(request)
            return FixtureResponse(status: 201, body: request.body)
        }) { server in
            try await withClient { client in
                let request = HTTPRequest(
                    url: server.baseURL + "/items?kind=test&name=a%20b",
                    method: "POST",
                    headers: HTTPHeaders([("Content-Type", "application/octet-stream"), ("X-Token", "secret"), ("X-Empty", "")]),
                    body: payload
                )
                let response = try await client.send(request)
                #expect(response.status == 201)
                #expect(response.body == payload)
                let received = try #require(seen.last)
                #expect(received.method == "POST")
                #expect(received.path == "/items")
                #expect(received.query == ["kind": "test", "name": "a b"])
                #expect(received.body == payload)
                #expect(received.headers["content-type"] == "application/octet-stream")
                #expect(received.headers["x-token"] == "secret")
                #expect(received.headers["x-empty"] == "")
                #expect(received.headers["content-length"] == "4096")
                // libcurl's "Expect: 100-continue" would cost a round trip on every large post.
                #expect(received.headers["expect"] == nil)
            }
        }
    }

    @Test("A body without Content-Type is not labelled as a form; other methods are sent as named")
    func putWithoutContentType() async throws {
        let seen = Recorder<FixtureRequest>()
        try await withFixtureServer({ request in
            seen.record(request)
            return .text("ok")
        }) { server in
            try await withClient { client in
                _ = try await client.send(HTTPRequest(url: server.baseURL + "/x", method: "PUT", body: Array("{}".utf8)))
                let put = try #require(seen.last)
                #expect(put.method == "PUT")
                #expect(put.body == Array("{}".utf8))
                #expect(put.headers["content-type"] == nil)

                _ = try await client.send(HTTPRequest(url: server.baseURL + "/x", method: "DELETE"))
                #expect(seen.last?.method == "DELETE")

                let head = try await client.send(HTTPRequest(url: server.baseURL + "/x", method: "HEAD"))
                #expect(seen.last?.method == "HEAD")
                #expect(head.body.isEmpty)
            }
        }
    }

    @Test("Line breaks in header values cannot inject extra headers")
    func headerInjection() async throws {
        let seen = Recorder<FixtureRequest>()
        try await withFixtureServer({ request in
            seen.record(request)
            return .text("ok")
        }) { server in
            try await withClient { client in
                var request = HTTPRequest(url: server.baseURL, headers: HTTPHeaders([("X-Note", "a\r\nX-Injected: 1")]))
                request.etag = "\"e\"\r\nX-Also: 2"
                _ = try await client.send(request)
                let received = try #require(seen.last)
                #expect(received.headers["x-injected"] == nil)
                #expect(received.headers["x-also"] == nil)
                #expect(received.headers["x-note"] == "aX-Injected: 1")
            }
        }
    }

    @Test("ETag and Last-Modified round-trip to a 304 with an empty body")
    func conditionalGet() async throws {
        let etag = "\"v1-abc\""
        let lastModified = "Wed, 21 Oct 2015 07:28:00 GMT"
        let seen = Recorder<FixtureRequest>()
        try await withFixtureServer({ request in
            seen.record(request)
            if request.headers["if-none-match"] == etag {
                return FixtureResponse(status: 304, headers: [("ETag", etag)])
            }
            return FixtureResponse(status: 200, headers: [("ETag", etag), ("Last-Modified", lastModified)], body: Array("<rss/>".utf8))
        }) { server in
            try await withClient { client in
                let first = try await client.send(HTTPRequest(url: server.baseURL + "/feed"))
                #expect(first.status == 200)
                #expect(first.etag == etag)
                #expect(first.lastModified == lastModified)
                #expect(seen.last?.headers["if-none-match"] == nil)

                var again = HTTPRequest(url: server.baseURL + "/feed")
                again.etag = first.etag
                again.lastModified = first.lastModified
                let second = try await client.send(again)
                #expect(second.status == 304)
                #expect(second.body.isEmpty)
                #expect(seen.last?.headers["if-none-match"] == etag)
                #expect(seen.last?.headers["if-modified-since"] == lastModified)
            }
        }
    }

    @Test("Gzip and deflate response bodies are decoded")
    func contentEncodings() async throws {
        let text = Array(String(repeating: "Crier decodes compressed feeds. ", count: 500).utf8)
        let gzipped = try Compression.gzip(text)
        let deflated = try Compression.deflate(text)
        #expect(gzipped.count < text.count / 10)
        let seen = Recorder<String>()
        try await withFixtureServer({ request in
            seen.record(request.headers["accept-encoding"] ?? "")
            switch request.path {
            case "/gzip": return FixtureResponse(headers: [("Content-Encoding", "gzip")], body: gzipped)
            case "/deflate": return FixtureResponse(headers: [("Content-Encoding", "deflate")], body: deflated)
            default: return FixtureResponse(headers: [("Content-Encoding", "gzip")], body: gzipped, chunked: true)
            }
        }) { server in
            try await withClient { client in
                for path in ["/gzip", "/deflate", "/gzip-chunked"] {
                    let response = try await client.send(HTTPRequest(url: server.baseURL + path))
                    #expect(response.status == 200, "\(path)")
                    #expect(response.body == text, "\(path)")
                }
                #expect(seen.last?.contains("gzip") == true)
                #expect(seen.last?.contains("deflate") == true)
            }
        }
    }

    @Test("Brotli and zstd response bodies are decoded too")
    func brotliAndZstd() async throws {
        let text = Array(String(repeating: "Feeds compressed the modern way. ", count: 300).utf8)
        let brotli = try Compression.brotli(text)
        let zstd = try Compression.zstd(text)
        #expect(brotli.count < text.count / 10 && zstd.count < text.count / 10)
        let seen = Recorder<String>()
        try await withFixtureServer({ request in
            seen.record(request.headers["accept-encoding"] ?? "")
            return request.path == "/br"
                ? FixtureResponse(headers: [("Content-Encoding", "br")], body: brotli)
                : FixtureResponse(headers: [("Content-Encoding", "zstd")], body: zstd)
        }) { server in
            try await withClient { client in
                for path in ["/br", "/zstd"] {
                    let response = try await client.send(HTTPRequest(url: server.baseURL + path))
                    #expect(response.body == text, "\(path)")
                }
                #expect(seen.last?.contains("br") == true)
                #expect(seen.last?.contains("zstd") == true)
            }
        }
    }
}
