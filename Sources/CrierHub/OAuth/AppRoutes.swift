import Foundation
import Hummingbird

/// `POST /api/v1/apps` (register a client) and `GET /api/v1/apps/verify_credentials`.
extension HubRoutes {
    func addAppRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/apps") { request, _ in try await registerApp(request) }
        router.get("/api/v1/apps/verify_credentials") { request, _ in
            guard let bearer = try await bearer(request), let appId = bearer.appId,
                let app = try await store.oauthApp(id: appId)
            else { throw APIError.invalidToken }
            return try Responses.json(ApplicationEntity(app, secret: nil))
        }
    }

    private func registerApp(_ request: Request) async throws -> Response {
        let parameters = try await RequestParameters.bodyAndQuery(of: request)
        let name = parameters["client_name"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !name.isEmpty else { throw APIError.validation("Name can't be blank") }
        let redirectUris = parameters.all("redirect_uris")
            .flatMap { $0.split(whereSeparator: \.isNewline) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !redirectUris.isEmpty else { throw APIError.validation("Redirect URI can't be blank") }
        for uri in redirectUris where !Self.isValidRedirectURI(uri) {
            throw APIError.validation("Redirect URI must be an absolute URI.")
        }
        let scopes = Scopes(parameters["scopes"] ?? "read")
        guard scopes.isValid else { throw APIError.validation("Scopes are invalid") }
        let website = parameters["website"].flatMap { $0.isEmpty ? nil : $0 }
        let (app, secret) = try await store.registerApp(
            name: name, website: website, redirectUris: redirectUris, scopes: scopes)
        return try Responses.json(ApplicationEntity(app, secret: secret))
    }

    /// An absolute URI with a scheme and no fragment, or the out-of-band marker.
    static func isValidRedirectURI(_ uri: String) -> Bool {
        if uri == OAuthFlow.outOfBand { return true }
        guard let components = URLComponents(string: uri), let scheme = components.scheme, !scheme.isEmpty,
            components.fragment == nil
        else { return false }
        return true
    }
}

/// Constants of the OAuth flow.
enum OAuthFlow {
    /// The redirect URI that asks the server to show the code instead of redirecting.
    static let outOfBand = "urn:ietf:wg:oauth:2.0:oob"
}

/// Mastodon's Application entity (with the credentials when just registered).
struct ApplicationEntity: Encodable, Sendable {
    var id: String
    var name: String
    var website: Nullable<String>
    var scopes: [String]
    var redirectUri: String
    var redirectUris: [String]
    var vapidKey = ""
    var clientId: String?
    var clientSecret: String?
    var clientSecretExpiresAt: Int?

    init(_ app: OAuthAppRecord, secret: String?) {
        id = String(app.rowID)
        name = app.name
        website = Nullable(app.website)
        scopes = Scopes(app.scopes).names
        redirectUris = app.redirectURIList
        redirectUri = redirectUris.joined(separator: "\n")
        if let secret {
            clientId = app.clientId
            clientSecret = secret
            clientSecretExpiresAt = 0
        }
    }
}
