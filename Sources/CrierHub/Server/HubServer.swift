import Hummingbird
public import Logging
public import ServiceLifecycle

/// The hub's HTTP server: the Mastodon API subset, the web UI and `/healthz`, on one port.
///
/// It is a ServiceLifecycle `Service`: run it in the daemon's `ServiceGroup` (after the store,
/// which it needs) and it stops on graceful shutdown or when its task is cancelled.
///
/// ```swift
/// let store = try HubStore(path: configuration.databasePath)
/// let server = HubServer(configuration: configuration, store: store, logger: logger) { port in
///     logger.info("Hub listening", metadata: ["hub.port": "\(port)"])
/// }
/// try await server.run()
/// ```
public struct HubServer: Service {
    private let configuration: HubConfiguration
    private let store: HubStore
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// Creates the server; nothing is bound until ``run()``.
    ///
    /// - Parameter onListening: Called once the socket is bound, with the actual port (useful
    ///   with port 0).
    public init(
        configuration: HubConfiguration, store: HubStore, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.onListening = onListening
    }

    /// Binds and serves until the task is cancelled or a graceful shutdown is triggered.
    public func run() async throws {
        let origin = BoundOrigin(host: configuration.host, port: configuration.port)
        let router = Router(context: BasicRequestContext.self)
        HubRoutes(store: store, configuration: configuration, origin: origin).register(on: router)
        let onListening = self.onListening
        let fallbackPort = configuration.port
        _ = try ProxyTrust(configuration.trustedProxies)
        let application = Application(
            // Records each request's peer address, for the trusted-proxy checks of the web UI.
            responder: PeerAddressResponder(router.buildResponder()),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? fallbackPort
                origin.bound(port: port)
                await onListening(port)
            },
            logger: logger
        )
        try await application.run()
    }
}
