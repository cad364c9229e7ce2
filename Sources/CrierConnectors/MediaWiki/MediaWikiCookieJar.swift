import CrierHTTP
import Foundation

/// The cookies of one wiki's session; the HTTP client keeps none, and MediaWiki's login lives in them.
///
/// A connector talks to exactly one `api.php`, so the jar ignores `Domain` and `Path` and keeps one
/// value per name. A cookie is dropped when the server expires it (`Max-Age=0`, an `Expires` in the
/// past, or PHP's value `deleted`).
struct MediaWikiCookieJar: Sendable {
    private var cookies: [String: String] = [:]

    /// Takes the `Set-Cookie` fields of a response.
    mutating func store(from headers: HTTPHeaders, now: Date = Date()) {
        for field in headers.values("Set-Cookie") {
            let attributes = field.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            guard !name.isEmpty else { continue }
            if value.isEmpty || value == "deleted" || Self.isExpired(attributes.dropFirst(), now: now) {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
    }

    /// The `Cookie` request header, or `nil` when the jar is empty.
    var header: String? {
        cookies.isEmpty ? nil : cookies.keys.sorted().map { "\($0)=\(cookies[$0]!)" }.joined(separator: "; ")
    }

    /// Forgets every cookie, so the next login starts a fresh session.
    mutating func removeAll() { cookies.removeAll() }

    private static func isExpired(_ attributes: ArraySlice<String>, now: Date) -> Bool {
        for attribute in attributes {
            let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0].lowercased() {
            case "max-age":
                if let seconds = Int(parts[1]), seconds <= 0 { return true }
            case "expires":
                if let date = parseHTTPDate(parts[1]), date <= now { return true }
            default:
                continue
            }
        }
        return false
    }

    /// `Thu, 01 Jan 1970 00:00:01 GMT` and the dashed form PHP also writes.
    private static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd-MMM-yyyy HH:mm:ss zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
