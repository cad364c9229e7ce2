import CrierHTTP
import CrierTestSupport
import Foundation
import Testing

@Suite("Retry-After and freshness")
struct CachingHeaderTests {
    /// IMF-fixdate, the HTTP-date form servers must send.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test("Retry-After in seconds and as an HTTP-date, from a real 503")
    func retryAfterFromServer() async throws {
        let later = Self.httpDate(Date().addingTimeInterval(90))
        try await withFixtureServer({ request in
            let value = request.path == "/seconds" ? "120" : later
            return FixtureResponse(status: 503, headers: [("Retry-After", value)])
        }) { server in
            try await withClient { client in
                let seconds = try await client.send(HTTPRequest(url: server.baseURL + "/seconds"))
                #expect(seconds.status == 503)
                #expect(seconds.retryAfter == .seconds(120))

                let dated = try await client.send(HTTPRequest(url: server.baseURL + "/date"))
                let wait = try #require(dated.retryAfter)
                #expect(wait > .seconds(85) && wait <= .seconds(91), "got \(wait)")
            }
        }
    }

    @Test("Cache-Control max-age from a real response")
    func maxAgeFromServer() async throws {
        try await withFixtureServer({ request in
            switch request.path {
            case "/max-age": return FixtureResponse(headers: [("Cache-Control", "public, max-age=300")])
            case "/no-store": return FixtureResponse(headers: [("Cache-Control", "no-store, max-age=300")])
            default: return FixtureResponse()
            }
        }) { server in
            try await withClient { client in
                let maxAge = try await client.send(HTTPRequest(url: server.baseURL + "/max-age"))
                #expect(maxAge.freshnessLifetime == .seconds(300))
                let noStore = try await client.send(HTTPRequest(url: server.baseURL + "/no-store"))
                #expect(noStore.freshnessLifetime == nil)
                let plain = try await client.send(HTTPRequest(url: server.baseURL + "/plain"))
                #expect(plain.freshnessLifetime == nil)
            }
        }
    }

    static func response(_ headers: [(String, String)]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: HTTPHeaders(headers), effectiveURL: "http://example.invalid/")
    }

    @Test(
        "Retry-After parsing",
        arguments: [
            ("0", Duration.seconds(0)),
            ("  45 ", Duration.seconds(45)),
            ("Wed, 21 Oct 2015 07:28:00 GMT", Duration.seconds(0)),  // in the past: retry now
        ] as [(String, Duration?)]
    )
    func retryAfterParsing(value: String, expected: Duration?) {
        #expect(Self.response([("Retry-After", value)]).retryAfter == expected)
    }

    @Test("Invalid or missing Retry-After is nil", arguments: ["soon", "-5", "1.5", ""])
    func retryAfterInvalid(value: String) {
        #expect(Self.response([("Retry-After", value)]).retryAfter == nil)
        #expect(Self.response([]).retryAfter == nil)
    }

    @Test(
        "Freshness lifetime",
        arguments: [
            ([("Cache-Control", "max-age=60")], Duration.seconds(60)),
            ([("Cache-Control", "s-maxage=30")], Duration.seconds(30)),
            ([("Cache-Control", "max-age=60, s-maxage=30")], Duration.seconds(60)),
            ([("Cache-Control", "max-age=\"90\"")], Duration.seconds(90)),
            ([("Cache-Control", "private"), ("cache-control", "max-age=15")], Duration.seconds(15)),
            ([("Cache-Control", "no-cache, max-age=60")], nil),
            ([("Cache-Control", "no-store")], nil),
            ([("Date", "Wed, 21 Oct 2015 07:28:00 GMT"), ("Expires", "Wed, 21 Oct 2015 07:38:00 GMT")], Duration.seconds(600)),
            ([("Date", "Wed, 21 Oct 2015 07:28:00 GMT"), ("Expires", "Wed, 21 Oct 2015 07:00:00 GMT")], Duration.seconds(0)),
            ([("Expires", "0")], Duration.seconds(0)),
            ([("Cache-Control", "max-age=120"), ("Expires", "0")], Duration.seconds(120)),
            ([("Cache-Control", "max-age=abc")], nil),
            ([], nil),
        ] as [([(String, String)], Duration?)]
    )
    func freshness(headers: [(String, String)], expected: Duration?) {
        #expect(Self.response(headers).freshnessLifetime == expected)
    }
}
