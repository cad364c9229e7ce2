import Synchronization

/// The few cookies of one DokuWiki session, since the HTTP client keeps none.
///
/// Deliberately small: every request goes to the one XML-RPC endpoint of one wiki, so domain
/// and path are not checked, and cookies live as long as the connector (a restart logs in
/// again). A `Set-Cookie` with `Max-Age=0` or PHP's `deleted` value removes the cookie.
final class DokuWikiCookieJar: Sendable {
    private let cookies = Mutex<[(name: String, value: String)]>([])

    /// Takes the `Set-Cookie` header values of one response.
    func store(_ setCookieHeaders: [String]) {
        for header in setCookieHeaders {
            let parts = header.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, let equals = first.firstIndex(of: "=") else { continue }
            let name = String(first[..<equals])
            let value = String(first[first.index(after: equals)...])
            guard !name.isEmpty else { continue }
            let expired = value == "deleted" || parts.dropFirst().contains { $0.lowercased().hasPrefix("max-age=") && (Int($0.dropFirst(8)) ?? 1) <= 0 }
            cookies.withLock { cookies in
                cookies.removeAll { $0.name == name }
                if !expired { cookies.append((name, value)) }
            }
        }
    }

    /// The `Cookie` request header, or `nil` when the jar is empty.
    var header: String? {
        cookies.withLock { cookies in
            cookies.isEmpty ? nil : cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
        }
    }

    /// Forgets every cookie (after the server said the session is no longer valid).
    func clear() { cookies.withLock { $0.removeAll() } }
}
