import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who is looking at a web page, and the key their forms' CSRF tokens derive from.
struct WebViewer: Sendable {
    /// The logged-in person (by session cookie or trusted proxy header), if any.
    var account: AccountRecord?
    /// The per-session secret behind ``HubRoutes/csrfToken(for:)``: the session cookie, the SSO
    /// user, or (logged out) the log-in form's nonce cookie; nil when there is none yet.
    var csrfKey: String?
    /// Whether the request came over TLS (through a trusted proxy saying so).
    var secure: Bool
}

/// Sessions, CSRF tokens and trusted-proxy checks of the web UI.
///
/// - A session is a random 256-bit token in the `crier_session` cookie (HttpOnly, SameSite=Lax,
///   Secure behind a TLS-terminating trusted proxy), stored hashed with an expiry.
/// - A form's CSRF token is `hex(HMAC-SHA256(instance secret, "csrf" NUL key))`, where the key is
///   the session token, `sso:<account id>` for a proxy-authenticated user, or the `crier_login`
///   nonce cookie for the log-in form; every POST must carry it as `csrf`.
/// - Proxy headers (SSO user, `X-Forwarded-Proto`, `X-Forwarded-For`) count only when the TCP peer
///   is in ``HubConfiguration/trustedProxies``.
extension HubRoutes {
    /// The session cookie's name.
    static let sessionCookieName = "crier_session"
    /// The name of the cookie holding the logged-out log-in form's CSRF nonce.
    static let loginCookieName = "crier_login"

    /// Whether this request's TCP peer is a trusted proxy.
    var fromTrustedProxy: Bool {
        guard !configuration.trustedProxies.isEmpty, let trust = try? ProxyTrust(configuration.trustedProxies) else {
            return false
        }
        return trust.contains(PeerAddress.current)
    }

    /// Whether the client reached the hub over TLS: a trusted proxy sent `X-Forwarded-Proto: https`.
    func isSecure(_ request: Request) -> Bool {
        guard let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] else { return false }
        return fromTrustedProxy && proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The client's address: the peer, or the last `X-Forwarded-For` hop a trusted proxy added.
    func clientAddress(_ request: Request) -> String {
        if fromTrustedProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return PeerAddress.current ?? "unknown"
    }

    /// Resolves the viewer: the trusted proxy's user header first, then the session cookie.
    func webViewer(_ request: Request) async throws -> WebViewer {
        let secure = isSecure(request)
        if let headerName = configuration.trustedProxyHeader.flatMap({ HTTPField.Name($0) }),
            let value = request.headers[headerName], fromTrustedProxy
        {
            let username = Self.ssoUsername(value)
            guard let username, let account = try? store.ensureUser(username: username, displayName: username),
                let record = try await store.accountRecord(id: Int64(account.id) ?? 0)
            else { return WebViewer(account: nil, csrfKey: nil, secure: secure) }
            return WebViewer(account: record, csrfKey: "sso:\(record.rowID)", secure: secure)
        }
        if let token = request.cookies[Self.sessionCookieName]?.value, !token.isEmpty,
            let account = try await store.account(session: token)
        {
            return WebViewer(account: account, csrfKey: token, secure: secure)
        }
        let nonce = request.cookies[Self.loginCookieName]?.value
        return WebViewer(account: nil, csrfKey: nonce?.count == 64 ? nonce : nil, secure: secure)
    }

    /// The user a proxy header names: its local part (before `@`), if it is a valid username.
    static func ssoUsername(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let local = String(trimmed.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        return HubStore.isValidUsername(local) ? local : nil
    }

    /// The CSRF token of forms for this key.
    func csrfToken(for key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(("csrf\u{0}" + key).utf8), using: SymmetricKey(data: store.secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// The hidden `csrf` input of a form shown to this viewer (empty without a key).
    func csrfField(_ viewer: WebViewer) -> HTML {
        guard let key = viewer.csrfKey else { return "" }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(csrfToken(for: key))\">"
    }

    /// Whether a submitted form carries this viewer's CSRF token (compared in constant time).
    func csrfIsValid(_ viewer: WebViewer, parameters: RequestParameters) -> Bool {
        guard let key = viewer.csrfKey, let sent = parameters["csrf"] else { return false }
        return PasswordHasher.constantTimeEqual(Array(sent.utf8), Array(csrfToken(for: key).utf8))
    }

    /// A cookie of the web UI: HttpOnly, SameSite=Lax, path `/`, Secure over TLS; a nil value
    /// deletes it.
    func webCookie(_ name: String, _ value: String?, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: name, value: value ?? "", maxAge: value == nil ? 0 : maxAge, path: "/",
            secure: secure, httpOnly: true, sameSite: .lax
        )
    }
}
