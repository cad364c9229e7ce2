import Foundation
import Hummingbird

/// Reading the bearer token of an API request.
extension HubRoutes {
    /// What the request's token grants, from `Authorization: Bearer …` or, as Mastodon also
    /// accepts (streaming clients need it), the `access_token` query parameter. Nil without a token.
    ///
    /// - Throws: 401 ``APIError/invalidToken`` when a token is given but unknown.
    func bearer(_ request: Request) async throws -> Bearer? {
        guard let token = Self.bearerToken(request) else { return nil }
        guard let bearer = try await store.bearer(token) else { throw APIError.invalidToken }
        return bearer
    }

    /// The raw token of a request, if it carries one.
    static func bearerToken(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return "" }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        return RequestParameters.query(of: request)["access_token"]
    }
}

extension APIError {
    /// 422: an app token (`client_credentials`) on an endpoint that needs a person or group.
    static let userRequired = APIError(
        status: .unprocessableContent, message: "This method requires an authenticated user")
    /// 403: the token does not grant the scope the endpoint needs.
    static let outsideScopes = APIError(status: .forbidden, message: "This action is outside the authorized scopes")
}
