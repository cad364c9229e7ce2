import Foundation
import Hummingbird

/// Where the OAuth flow meets the web UI's accounts (`Auth/`): who is logged in, the CSRF field
/// of the consent form, and password checks for the `password` grant.
extension HubRoutes {
    /// The account logged in to the web UI in this request's session (or by trusted SSO), if any.
    func oauthSessionAccount(_ request: Request) async throws -> AccountRecord? {
        try await webViewer(request).account
    }

    /// The hidden CSRF field to put in the consent form of this request's session.
    func oauthCSRFField(_ request: Request) async throws -> HTML {
        csrfField(try await webViewer(request))
    }

    /// Whether a consent form's CSRF token matches the session's.
    func oauthCSRFIsValid(_ request: Request, parameters: RequestParameters) async throws -> Bool {
        csrfIsValid(try await webViewer(request), parameters: parameters)
    }

    /// The account whose user name and password these are (for the `password` grant). Failures
    /// count against the web log-in's throttle, per user name and per client address.
    ///
    /// - Throws: an ``OAuthError`` while the user name or the address is throttled.
    func oauthPasswordAccount(_ request: Request, username: String, password: String) async throws -> AccountRecord? {
        let keys = ["user:" + username.lowercased(), "ip:" + clientAddress(request)]
        if await loginThrottle.retryAfter(keys: keys) != nil {
            throw OAuthError(code: "invalid_grant", description: "Too many failed log-ins; try again later.")
        }
        guard let account = try await store.verifyPassword(username: username, password: password) else {
            await loginThrottle.recordFailure(keys: keys)
            return nil
        }
        await loginThrottle.reset(key: keys[0])
        return account
    }

    /// Where to log in, returning to `returnTo` afterwards.
    func oauthLoginURL(returnTo: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "/login?return_to=" + (returnTo.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/")
    }
}
