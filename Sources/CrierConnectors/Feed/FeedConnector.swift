import CrierCore
import CrierFormats
import CrierHTTP
import Foundation
import Logging

/// Polls an RSS, Atom or JSON Feed document with conditional GET.
///
/// A feed is a window, not a log: every poll returns the whole window and the engine diffs it
/// against stored identities and tombstones. Feed dates are never used as a cursor.
struct FeedConnector: Connector {
    let options: FeedOptions
    let http: HTTPClient

    var host: String { URL(string: options.url)?.host ?? "local" }

    func poll(_ request: PollRequest, logger: Logger) async throws -> PollResult {
        var httpRequest = HTTPRequest(url: options.url, headers: HTTPHeaders([
            ("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"),
        ]))
        httpRequest.allowFile = options.allowFile
        httpRequest.etag = request.validators.etag
        httpRequest.lastModified = request.validators.lastModified
        let response: HTTPResponse
        do {
            response = try await http.send(httpRequest)
        } catch let error as HTTPClientError {
            throw ConnectorError(error.code == .unsupportedProtocol || error.code == .bodyTooLarge ? .permanent : .transient, error.message)
        }
        let validators = Validators(etag: response.etag, lastModified: response.lastModified)
        switch response.status {
        case 304:
            return PollResult(items: [], validators: validators, notModified: true, suggestedInterval: response.freshnessLifetime)
        case 200..<300:
            break
        case 408, 425, 429, 500...599:
            throw ConnectorError(.transient, "HTTP \(response.status) from \(options.url)", retryAfter: response.retryAfter)
        default:
            throw ConnectorError(.permanent, "HTTP \(response.status) from \(options.url)", retryAfter: response.retryAfter)
        }
        let feed: Feed
        do {
            feed = try FeedParser.parse(response.body, contentType: response.headers["Content-Type"], baseURL: response.effectiveURL)
        } catch let error as FeedParseError {
            throw ConnectorError(.permanent, "\(options.url): \(error.message)")
        }
        let ttl = feed.ttlMinutes.map { Duration.seconds($0 * 60) }
        let hint = [ttl, response.freshnessLifetime].compactMap { $0 }.max()
        return PollResult(
            items: FeedItemMapper.items(from: feed), validators: validators, suggestedInterval: hint,
            warnings: feed.warnings)
    }
}
