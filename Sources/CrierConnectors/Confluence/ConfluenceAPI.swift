import CrierCore
import CrierHTTP
import Foundation

/// Authenticated JSON requests to one Confluence site, every failure classified once.
///
/// Network errors, 408/425/429 and 5xx are transient (with the server's `Retry-After`);
/// 401/403/404 and other 4xx are permanent, and so is a 2xx body that is not the JSON expected
/// (an SSO login page, a proxy's HTML). Messages name the URL without its query string.
struct ConfluenceAPI: Sendable {
    let baseURL: String
    let auth: ConfluenceOptions.Auth
    let http: HTTPClient

    func get<T: Decodable>(_ url: String, as type: T.Type) async throws -> T {
        try decode(T.self, try await send(HTTPRequest(url: url)), url: url)
    }

    func post<T: Decodable>(_ url: String, json: [UInt8], as type: T.Type) async throws -> T {
        var request = HTTPRequest(url: url, method: "POST", body: json)
        request.headers.add("Content-Type", "application/json")
        return try decode(T.self, try await send(request), url: url)
    }

    /// `path` (which starts with `/`) under the site's base URL. A `next` link that is already
    /// absolute is accepted only on the configured site, so credentials never go elsewhere.
    func resolve(_ path: String) throws -> String {
        if path.hasPrefix("/") { return baseURL + path }
        guard path.hasPrefix(baseURL + "/") else {
            throw ConnectorError(.permanent, "\(baseURL) pointed the next page at another site: \(Self.withoutQuery(path))")
        }
        return path
    }

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        request.headers.add("Accept", "application/json")
        switch auth {
        case .none: break
        case .basic(let username, let password):
            request.headers.add("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        case .bearer(let token):
            request.headers.add("Authorization", "Bearer " + token)
        }
        let where_ = Self.withoutQuery(request.url)
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPClientError {
            let kind: ConnectorError.Kind = error.code == .unsupportedProtocol || error.code == .bodyTooLarge ? .permanent : .transient
            throw ConnectorError(kind, "\(where_): \(error.message)")
        }
        switch response.status {
        case 200..<300:
            return response
        case 408, 425, 429, 500...599:
            throw ConnectorError(.transient, "HTTP \(response.status) from \(where_)\(Self.errorText(response))", retryAfter: response.retryAfter)
        case 401:
            throw ConnectorError(.permanent, "HTTP 401 from \(where_): check username/password or token")
        case 403:
            throw ConnectorError(.permanent, "HTTP 403 from \(where_): the account may not read or comment here\(Self.errorText(response))")
        default:
            throw ConnectorError(.permanent, "HTTP \(response.status) from \(where_)\(Self.errorText(response))")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, url: String) throws -> T {
        let where_ = Self.withoutQuery(url)
        if response.body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).first == UInt8(ascii: "<") {
            throw ConnectorError(.permanent, "\(where_) answered with an HTML page instead of JSON (a login page or proxy in the way?)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw ConnectorError(.permanent, "\(where_) answered with unreadable JSON: \(Self.describe(error))")
        }
    }

    /// Confluence's own error text (`{"statusCode":400,"message":"…"}`), when the body has one.
    private static func errorText(_ response: HTTPResponse) -> String {
        struct Failure: Decodable { var message: String? }
        guard let message = (try? JSONDecoder().decode(Failure.self, from: Data(response.body)))?.message, !message.isEmpty else { return "" }
        return ": " + String(message.prefix(300))
    }

    static func withoutQuery(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, let context): "missing '\(key.stringValue)' at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context): "\(context.debugDescription) at \(path(context))"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
