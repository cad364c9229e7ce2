import CrierHTTP
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("Lookup is case-insensitive and keeps order and repeats")
    func lookup() {
        var headers = HTTPHeaders([("Set-Cookie", "a=1"), ("Content-Type", "text/html")])
        headers.add("set-cookie", "b=2")
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values("Set-Cookie") == ["a=1", "b=2"])
        #expect(headers["missing"] == nil)
        #expect(headers.values("missing").isEmpty)
        #expect(headers.map(\.name) == ["Set-Cookie", "Content-Type", "set-cookie"])
    }

    @Test("A dictionary literal keeps its order")
    func dictionaryLiteral() {
        let headers: HTTPHeaders = ["B": "2", "A": "1"]
        #expect(headers.map(\.name) == ["B", "A"])
        #expect(headers["a"] == "1")
    }

    @Test("Equality ignores name case but not order or values")
    func equality() {
        #expect(HTTPHeaders([("A", "1")]) == HTTPHeaders([("a", "1")]))
        #expect(HTTPHeaders([("A", "1")]) != HTTPHeaders([("A", "2")]))
        #expect(HTTPHeaders([("A", "1"), ("B", "2")]) != HTTPHeaders([("B", "2"), ("A", "1")]))
    }

    @Test("Configuration defaults")
    func configurationDefaults() {
        let configuration = HTTPClientConfiguration()
        #expect(configuration.userAgent == "Crier/\(CrierVersion.string)")
        #expect(configuration.timeout == .seconds(20))
        #expect(configuration.maxBodyBytes == 15 * 1024 * 1024)
        #expect(configuration.maxRedirects == 5)
        #expect(configuration.maxConnectionsPerHost == 6)
        #expect(configuration.maxTotalConnections == 256)
        #expect(configuration.proxy == nil)
        #expect(configuration.caBundle == nil)
        let request = HTTPRequest(url: "http://example.invalid/")
        #expect(request.method == "GET")
        #expect(request.allowFile == false)
    }
}
