import Foundation
import Hummingbird

/// `POST /oauth/token`: exchanges a grant for an access token.
extension HubRoutes {
    /// Handles the `authorization_code`, `password` and `client_credentials` grants; errors are
    /// RFC 6749 JSON (`{"error": "invalid_grant", "error_description": …}`).
    func issueToken(_ request: Request) async throws -> Response {
        try await oauthErrorsAsJSON {
            let parameters = try await RequestParameters.bodyAndQuery(of: request)
            let app = try await clientApp(request, parameters)
            let requested = parameters["scope"].map(Scopes.init) ?? parameters["scopes"].map(Scopes.init)
            let appScopes = Scopes(app.scopes)
            let accountId: Int64?
            var scopes = requested ?? Scopes("read")
            switch parameters["grant_type"] ?? "" {
            case "authorization_code":
                guard let code = try await store.redeemCode(
                    parameters["code"] ?? "", app: app, redirectUri: parameters["redirect_uri"] ?? "")
                else { throw OAuthError.invalidGrant }
                accountId = code.accountId
                // The token gets what was approved; a narrower request narrows it.
                let approved = Scopes(code.scopes)
                scopes = requested.map { approved.covers($0) ? $0 : approved } ?? approved
            case "password":
                guard let account = try await oauthPasswordAccount(
                    request, username: parameters["username"] ?? "", password: parameters["password"] ?? "")
                else { throw OAuthError.invalidGrant }
                accountId = account.rowID
            case "client_credentials":
                accountId = nil
            case "":
                throw OAuthError(code: "invalid_request", description: "The grant_type parameter is missing.")
            default:
                throw OAuthError(
                    code: "unsupported_grant_type",
                    description: "The authorization grant type is not supported by the authorization server.")
            }
            guard scopes.isValid, appScopes.covers(scopes) else { throw OAuthError.invalidScope }
            let (token, createdAt) = try await store.issueToken(app: app, accountId: accountId, scopes: scopes)
            return try Responses.json(TokenEntity(
                accessToken: token, scope: scopes.text, createdAt: createdAt.milliseconds / 1000))
        }
    }

    /// Runs `body`, rendering an ``OAuthError`` as its JSON response.
    func oauthErrorsAsJSON(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as OAuthError {
            var headers: HTTPFields = [:]
            headers[.cacheControl] = "no-store"
            return try Responses.json(error, status: error.code == "invalid_client" ? .unauthorized : .badRequest, headers: headers)
        }
    }
}

/// The body of a successful `POST /oauth/token`.
struct TokenEntity: Encodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    var scope: String
    /// Seconds since 1970.
    var createdAt: Int64
}

/// An RFC 6749 §5.2 error: `{"error": code, "error_description": …}`.
struct OAuthError: Error, Encodable, Sendable {
    var error: String
    var errorDescription: String

    init(code: String, description: String) {
        error = code
        errorDescription = description
    }

    var code: String { error }

    /// Unknown client or wrong secret (401).
    static let invalidClient = OAuthError(
        code: "invalid_client",
        description: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
    /// A bad, used or expired code, or wrong credentials.
    static let invalidGrant = OAuthError(
        code: "invalid_grant",
        description: "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.")
    /// Scopes the app did not register.
    static let invalidScope = OAuthError(
        code: "invalid_scope", description: "The requested scope is invalid, unknown, or malformed.")
}
