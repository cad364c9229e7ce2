import Foundation
import Hummingbird

/// What every route handler needs: the store, the configuration and the public origin. The
/// handlers are grouped by area in extensions (`StatusRoutes.swift`, `WebRoutes.swift`, …).
struct HubRoutes: Sendable {
    let store: HubStore
    let configuration: HubConfiguration
    let origin: BoundOrigin
    /// Failed web log-ins per username and per address (shared by every copy of the routes).
    let loginThrottle = LoginThrottle()

    /// Renders entities with the current origin.
    var renderer: EntityRenderer { EntityRenderer(origin: origin.value) }

    /// Registers every route, and the middleware that renders errors as JSON.
    func register(on router: Router<BasicRequestContext>) {
        router.middlewares.add(JSONErrorMiddleware())
        addStatusRoutes(to: router)
        addTimelineRoutes(to: router)
        addAccountRoutes(to: router)
        addNotificationRoutes(to: router)
        addInstanceRoutes(to: router)
        addClientAPIRoutes(to: router)
        addWebRoutes(to: router)
    }

    /// The account owning the request's bearer token, which must grant `scope` when one is given.
    ///
    /// - Throws: 401 ``APIError/invalidToken`` when there is no token or it is unknown, 422 for an
    ///   app token (it has no account), 403 when the token lacks the scope.
    func authenticate(_ request: Request, scope: String? = nil) async throws -> AccountRecord {
        guard let bearer = try await bearer(request) else { throw APIError.invalidToken }
        guard let account = bearer.account else { throw APIError.userRequired }
        if let scope, !bearer.scopes.allows(scope) { throw APIError.outsideScopes }
        return account
    }

    /// The account owning the request's bearer token, or nil when the request has none (or an
    /// app token).
    ///
    /// - Throws: 401 when a token is given but unknown (as Mastodon does on public endpoints).
    func viewer(_ request: Request) async throws -> AccountRecord? {
        try await bearer(request)?.account
    }

    /// The numeric id in route parameter `name`; a non-numeric id is a 404, as an unknown one is.
    func id(_ name: String, in context: BasicRequestContext) throws -> Int64 {
        guard let id = context.parameters.get(name).flatMap(Int64.init) else { throw APIError.notFound }
        return id
    }

    /// The absolute URL of an API path, for `Link` headers.
    func url(_ path: String) -> String {
        origin.value + path
    }
}

/// The hub's public origin, `http://HOST:PORT`; the port is known only once the server has bound
/// (it may be ephemeral), so it is set from `onServerRunning`.
final class BoundOrigin: @unchecked Sendable {
    private let lock = NSLock()
    private let host: String
    private var port: Int

    init(host: String, port: Int) {
        // An IPv6 literal needs brackets in a URL.
        self.host = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        self.port = port
    }

    /// `http://HOST:PORT`.
    var value: String {
        lock.withLock { "http://\(host):\(port)" }
    }

    /// `HOST:PORT`, what Mastodon calls the instance domain.
    var authority: String {
        lock.withLock { "\(host):\(port)" }
    }

    /// Records the port actually bound.
    func bound(port: Int) {
        lock.withLock { self.port = port }
    }
}
