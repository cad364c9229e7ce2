import CrierCore
import CrierHTTP
import Foundation

/// Turns one HTTP response from `api.php` into a decoded answer, or the error it carries.
///
/// MediaWiki answers errors with HTTP 200 and an `error` object in the body (and the code in the
/// `MediaWiki-API-Error` header), so the status alone says little: network-level failures and
/// 408/425/429/5xx are transient, other non-2xx statuses permanent, a body error is a
/// ``MediaWikiAPIError``, and a body that is not API JSON (a wrong URL, a login page) is permanent.
enum MediaWikiAnswer {
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, doing what: String) throws -> T {
        switch response.status {
        case 200..<300:
            break
        case 408, 425, 429, 500...599:
            throw ConnectorError(.transient, "\(what): HTTP \(response.status)", retryAfter: response.retryAfter)
        default:
            throw ConnectorError(.permanent, "\(what): HTTP \(response.status) from \(response.effectiveURL)")
        }
        let body = Data(response.body)
        if let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: body), let error = envelope.error {
            throw MediaWikiAPIError(code: error.code, info: error.info ?? "", retryAfter: response.retryAfter)
        }
        if let code = response.headers["MediaWiki-API-Error"] {
            throw MediaWikiAPIError(code: code, info: "", retryAfter: response.retryAfter)
        }
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw ConnectorError(.permanent, "\(what): the answer from \(response.effectiveURL) is not what api.php sends (is url the wiki's api.php?)")
        }
    }

    /// Classifies a failure to get any response.
    static func connectorError(_ error: HTTPClientError, doing what: String) -> ConnectorError {
        switch error.code {
        case .unsupportedProtocol, .bodyTooLarge, .tooManyRedirects: ConnectorError(.permanent, "\(what): \(error.message)")
        default: ConnectorError(.transient, "\(what): \(error.message)")
        }
    }

    /// `{"error":{"code":…,"info":…}}`; `error` is absent from a successful answer.
    private struct ErrorEnvelope: Decodable {
        struct Body: Decodable {
            var code: String
            var info: String?
        }
        var error: Body?
    }
}
