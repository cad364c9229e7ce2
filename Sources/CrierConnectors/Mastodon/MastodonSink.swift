import CrierCore
import CrierHTTP
import Foundation
import Synchronization

/// Publishes into groups of a Mastodon-API server: a real Mastodon (or fork) or the embedded hub.
///
/// Each group is an account; posting into the group means posting as that account with its token.
/// Every create carries the row's `Idempotency-Key`, so a retry after a crash returns the post that
/// was already made instead of making a second one.
final class MastodonSink: Sink {
    let baseURL: String
    /// Bearer tokens by group id.
    let tokens: [String: String]
    let http: HTTPClient
    /// Overrides the instance's `max_characters` when set in the config.
    let maxCharactersOverride: Int?
    /// Account names of every group of this sink (lowercased): Crier's own accounts, whose posts
    /// are never relayed as replies.
    let ownAccounts: Set<String>
    private let cachedLimits = Mutex<PostLimits?>(nil)

    init(baseURL: String, tokens: [String: String], http: HTTPClient, maxCharacters: Int? = nil, ownAccounts: Set<String> = []) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.tokens = tokens
        self.ownAccounts = Set(ownAccounts.map { $0.lowercased() })
        self.http = http
        self.maxCharactersOverride = maxCharacters
    }

    func limits(group: String) async throws -> PostLimits {
        if let limits = cachedLimits.withLock({ $0 }) { return limits }
        let limits = try await fetchLimits()
        cachedLimits.withLock { $0 = limits }
        return limits
    }

    /// `/api/v2/instance` (Mastodon 4+), else `/api/v1/instance` (older servers and forks), else
    /// Mastodon's defaults: a server that cannot tell its limits still gets the posts.
    private func fetchLimits() async throws -> PostLimits {
        for path in ["/api/v2/instance", "/api/v1/instance"] {
            do {
                let response = try await send(HTTPRequest(url: baseURL + path), what: "reading instance limits")
                guard let instance = try? JSONDecoder().decode(MastodonInstance.self, from: Data(response.body)) else { continue }
                let statuses = instance.configuration?.statuses
                return PostLimits(
                    maxCharacters: maxCharactersOverride ?? statuses?.max_characters ?? instance.max_toot_chars ?? 500,
                    charactersPerURL: statuses?.characters_reserved_per_url ?? 23)
            } catch let error as SinkError where error.kind == .permanent {
                continue
            }
        }
        return PostLimits(maxCharacters: maxCharactersOverride ?? 500, charactersPerURL: 23)
    }

    func publish(_ post: OutgoingPost) async throws -> PublishedPost {
        var form = [("status", post.text), ("visibility", "public")]
        if let parent = post.inReplyTo { form.append(("in_reply_to_id", parent)) }
        var request = try authorized(HTTPRequest(url: baseURL + "/api/v1/statuses", method: "POST"), group: post.group)
        request.headers.add("Idempotency-Key", post.idempotencyKey)
        request.headers.add("Content-Type", "application/x-www-form-urlencoded")
        request.body = Array(FormEncoding.encode(form).utf8)
        let status = try decode(MastodonStatus.self, from: try await send(request, what: "posting"))
        return PublishedPost(remoteId: status.id, url: status.url)
    }

    func edit(remoteId: String, post: OutgoingPost) async throws -> PublishedPost {
        var request = try authorized(HTTPRequest(url: baseURL + "/api/v1/statuses/" + FormEncoding.escape(remoteId), method: "PUT"), group: post.group)
        request.headers.add("Content-Type", "application/x-www-form-urlencoded")
        request.body = Array(FormEncoding.encode([("status", post.text)]).utf8)
        let status = try decode(MastodonStatus.self, from: try await send(request, what: "editing"))
        return PublishedPost(remoteId: status.id, url: status.url)
    }

    func authorized(_ request: HTTPRequest, group: String) throws -> HTTPRequest {
        guard let token = tokens[group] else { throw SinkError(.permanent, "no token for group '\(group)'") }
        var request = request
        request.headers.add("Authorization", "Bearer " + token)
        request.headers.add("Accept", "application/json")
        return request
    }

    /// Sends and classifies: network errors, 408, 429 and 5xx are transient; other 4xx permanent.
    func send(_ request: HTTPRequest, what: String) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPClientError {
            throw SinkError(.transient, "\(what): \(error.message)")
        }
        switch response.status {
        case 200..<300:
            return response
        case 408, 429, 500...599:
            throw SinkError(.transient, "\(what): HTTP \(response.status)\(Self.errorText(response))", retryAfter: Self.retryAfter(response))
        default:
            throw SinkError(.permanent, "\(what): HTTP \(response.status)\(Self.errorText(response))")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw SinkError(.transient, "unreadable answer from \(baseURL): \(error)")
        }
    }

    /// Mastodon sends no Retry-After on 429, only `X-RateLimit-Reset` (an ISO 8601 time).
    static func retryAfter(_ response: HTTPResponse) -> Duration? {
        if let retryAfter = response.retryAfter { return retryAfter }
        guard let reset = response.headers["X-RateLimit-Reset"] else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: reset) ?? ISO8601DateFormatter().date(from: reset)
        return date.map { .seconds(Swift.max($0.timeIntervalSinceNow, 1)) }
    }

    static func errorText(_ response: HTTPResponse) -> String {
        guard let body = try? JSONDecoder().decode(MastodonError.self, from: Data(response.body)) else { return "" }
        return ": " + body.error
    }
}

/// The parts of Mastodon's JSON entities that the sink reads.
struct MastodonStatus: Decodable { var id: String; var url: String? }
struct MastodonError: Decodable { var error: String }
struct MastodonInstance: Decodable {
    struct Configuration: Decodable { var statuses: Statuses? }
    struct Statuses: Decodable { var max_characters: Int?; var characters_reserved_per_url: Int? }
    var configuration: Configuration?
    /// The v1 instance entity's limit (and Pleroma's).
    var max_toot_chars: Int?
}

/// `application/x-www-form-urlencoded` bodies.
enum FormEncoding {
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        // ASCII only: `alphanumerics` would let non-ASCII letters through unencoded.
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
