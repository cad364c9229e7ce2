import CrierCore

/// An error MediaWiki reported in the body of an HTTP 200 answer: `{"error":{"code":…,"info":…}}`.
///
/// The session acts on the codes that a new login cures; everything else is classified once, by
/// ``connectorError(doing:)``, at the connector's boundary.
struct MediaWikiAPIError: Error, Sendable, CustomStringConvertible {
    var code: String
    var info: String
    /// The answer's `Retry-After` (MediaWiki sends it with `maxlag`).
    var retryAfter: Duration?

    /// Codes after which logging in again (and fetching a new token) and repeating once may help:
    /// the session expired, or the token belonged to an older session.
    var isCuredByLogin: Bool {
        ["assertuserfailed", "assertbotfailed", "notloggedin", "readapidenied", "badtoken"].contains(code)
    }

    /// Worth retrying later without an operator: replica lag, throttles, a read-only or failing database.
    var isTransient: Bool {
        ["maxlag", "ratelimited", "readonly", "editconflict", "actionthrottledtext"].contains(code)
            || code.hasPrefix("internal_api_error")
    }

    /// The error as the engine understands it; `what` names the step, e.g. `reading recent changes`.
    func connectorError(doing what: String) -> ConnectorError {
        ConnectorError(isTransient ? .transient : .permanent, "\(what): \(self)", retryAfter: retryAfter)
    }

    var description: String { info.isEmpty ? code : "\(code): \(info)" }
}
