import Foundation
import Hummingbird

/// `/oauth/authorize`, `/oauth/token` and `/oauth/revoke`: the authorization-code flow, plus the
/// `password` and `client_credentials` grants.
extension HubRoutes {
    func addOAuthRoutes(to router: Router<BasicRequestContext>) {
        router.get("/oauth/authorize") { request, _ in try await authorizePage(request) }
        router.post("/oauth/authorize") { request, _ in try await authorize(request) }
        router.post("/oauth/token") { request, _ in try await issueToken(request) }
        router.post("/oauth/revoke") { request, _ in
            try await oauthErrorsAsJSON {
                let parameters = try await RequestParameters.bodyAndQuery(of: request)
                let app = try await clientApp(request, parameters)
                try await store.revokeToken(parameters["token"] ?? "", app: app)
                return try Responses.json([String: String]())
            }
        }
    }

    private var oauthPages: OAuthPages { OAuthPages(siteTitle: configuration.title) }

    /// The app and grant a `/oauth/authorize` request asks for, or the page explaining why not.
    private func validatedGrant(_ parameters: RequestParameters) async throws
        -> Result<(OAuthAppRecord, OAuthPages.Grant), OAuthPageError>
    {
        guard let app = try await store.oauthApp(clientId: parameters["client_id"] ?? "") else {
            return .failure(OAuthPageError("Unknown client."))
        }
        let uris = app.redirectURIList
        let redirectUri = parameters["redirect_uri"] ?? (uris.count == 1 ? uris[0] : "")
        guard uris.contains(redirectUri) else {
            return .failure(OAuthPageError("The redirect URI is not one the app registered."))
        }
        let scopes = Scopes(parameters["scope"] ?? "read")
        guard scopes.isValid, Scopes(app.scopes).covers(scopes) else {
            return .failure(OAuthPageError("The requested scope is invalid, unknown, or malformed."))
        }
        return .success((app, .init(clientId: app.clientId, redirectUri: redirectUri, scopes: scopes, state: parameters["state"])))
    }

    /// `GET /oauth/authorize`: the consent page, or a log-in prompt.
    private func authorizePage(_ request: Request) async throws -> Response {
        let parameters = RequestParameters.query(of: request)
        switch try await validatedGrant(parameters) {
        case .failure(let error):
            return Responses.html(oauthPages.error(error.message), status: .badRequest)
        case .success(let (app, grant)):
            guard let account = try await oauthSessionAccount(request) else {
                let returnTo = "/oauth/authorize" + (request.uri.query.map { "?" + $0 } ?? "")
                return Responses.html(oauthPages.loginRequired(loginURL: oauthLoginURL(returnTo: returnTo)), status: .unauthorized)
            }
            let csrf = try await oauthCSRFField(request)
            return Responses.html(oauthPages.consent(app: app, account: account, grant: grant, hiddenFields: csrf))
        }
    }

    /// `POST /oauth/authorize`: the logged-in person approved (or denied) the consent form.
    private func authorize(_ request: Request) async throws -> Response {
        let parameters = try await RequestParameters.bodyAndQuery(of: request)
        guard let account = try await oauthSessionAccount(request) else {
            return Responses.html(oauthPages.error("Log in first."), status: .unauthorized)
        }
        guard try await oauthCSRFIsValid(request, parameters: parameters) else {
            return Responses.html(oauthPages.error("The form has expired; reload the page."), status: .forbidden)
        }
        switch try await validatedGrant(parameters) {
        case .failure(let error):
            return Responses.html(oauthPages.error(error.message), status: .badRequest)
        case .success(let (app, grant)):
            guard parameters["decision"] != "deny" else {
                return redirect(grant, ["error": "access_denied"])
                    ?? Responses.html(oauthPages.error("Access denied."), status: .forbidden)
            }
            let code = try await store.issueCode(
                app: app, accountId: account.rowID, redirectUri: grant.redirectUri, scopes: grant.scopes)
            return redirect(grant, ["code": code]) ?? Responses.html(oauthPages.outOfBandCode(code, app: app))
        }
    }

    /// A 302 to the grant's redirect URI with `fields` and `state`; nil for the out-of-band URI.
    private func redirect(_ grant: OAuthPages.Grant, _ fields: [String: String]) -> Response? {
        guard grant.redirectUri != OAuthFlow.outOfBand, var components = URLComponents(string: grant.redirectUri) else {
            return nil
        }
        var items = components.queryItems ?? []
        items += fields.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        if let state = grant.state { items.append(URLQueryItem(name: "state", value: state)) }
        components.queryItems = items
        var headers: HTTPFields = [:]
        headers[.location] = components.string ?? grant.redirectUri
        return Response(status: .found, headers: headers)
    }

    /// The app authenticated by `client_id` and `client_secret` (form fields or HTTP Basic).
    func clientApp(_ request: Request, _ parameters: RequestParameters) async throws -> OAuthAppRecord {
        var clientId = parameters["client_id"]
        var secret = parameters["client_secret"]
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            clientId = String(pair[..<colon]).removingPercentEncoding
            secret = String(pair[pair.index(after: colon)...]).removingPercentEncoding
        }
        guard let clientId, let secret, let app = try await store.verifiedApp(clientId: clientId, secret: secret) else {
            throw OAuthError.invalidClient
        }
        return app
    }
}

/// Why an authorization page refuses a request.
struct OAuthPageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
