@testable import CrierHub
import Foundation

/// A minimal browser for the web UI tests: one request per connection over ``RawHTTP`` (so that
/// redirects and their `Set-Cookie` are visible), with a cookie jar and form helpers.
final class Browser: @unchecked Sendable {
    // @unchecked: each test drives its browser from one task at a time.
    let hub: RunningHub
    /// Cookies by name, as the server last set them.
    private(set) var cookies: [String: String] = [:]
    /// Extra headers sent with every request (for example a proxy's).
    var headers: [(String, String)] = []

    init(_ hub: RunningHub) {
        self.hub = hub
    }

    /// A response: status, headers (names lowercased), body.
    struct Page: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0 == name.lowercased() }?.1
        }

        /// The value of the hidden `csrf` input, if the page has a form with one.
        var csrf: String? {
            guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Sends a request and records the cookies it sets.
    func request(_ method: String, _ path: String, form: [(String, String)]? = nil) async throws -> Page {
        let connection = try RawHTTP(baseURL: hub.baseURL)
        var all = headers + [("Connection", "close")]
        if !cookies.isEmpty {
            all.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")))
        }
        var body = ""
        if let form {
            all.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = RunningHub.formEncode(form)
        }
        connection.send(method, path, headers: all, body: body)
        let raw = await connection.read(timeout: .seconds(20)) { _ in false }
        let page = Self.parse(raw)
        for (name, value) in page.headers where name == "set-cookie" {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let cookieName = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let cookieValue = pair.count > 1 ? String(pair[1]) : ""
            if cookieValue.isEmpty || value.lowercased().contains("max-age=0") {
                cookies[cookieName] = nil
            } else {
                cookies[cookieName] = cookieValue
            }
        }
        return page
    }

    func get(_ path: String) async throws -> Page {
        try await request("GET", path)
    }

    func post(_ path: String, _ form: [(String, String)]) async throws -> Page {
        try await request("POST", path, form: form)
    }

    /// Opens the log-in page and logs in; returns the response to the form (303 on success).
    func logIn(_ username: String, _ password: String, returnTo: String = "/") async throws -> Page {
        let form = try await get("/login?return_to=\(returnTo)")
        return try await post("/login", [
            ("csrf", form.csrf ?? ""), ("username", username), ("password", password), ("return_to", returnTo),
        ])
    }

    /// Parses a whole HTTP/1.1 response (content-length or chunked body).
    static func parse(_ raw: String) -> Page {
        guard let split = raw.range(of: "\r\n\r\n") else { return Page(status: 0, headers: [], body: raw) }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = String(raw[split.upperBound...])
        if headers.contains(where: { $0.0 == "transfer-encoding" && $0.1.contains("chunked") }) {
            body = dechunk(body)
        }
        return Page(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ text: String) -> String {
        var bytes = Substring(text)
        var out = ""
        while let end = bytes.range(of: "\r\n"), let size = Int(bytes[..<end.lowerBound], radix: 16), size > 0 {
            let start = end.upperBound
            let utf8 = bytes.utf8
            let chunkEnd = utf8.index(start, offsetBy: size, limitedBy: utf8.endIndex) ?? utf8.endIndex
            out += String(bytes[start..<chunkEnd])
            bytes = bytes[chunkEnd...].dropFirst(2)
        }
        return out
    }
}
