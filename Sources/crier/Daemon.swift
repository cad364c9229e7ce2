import CrierConnectors
import CrierCore
import CrierHTTP
import CrierHub
import Foundation
import Logging
import ServiceLifecycle

/// The composition root: builds every service of `crier run` from a validated configuration.
///
/// Tests call this with a config of their own, so what they run is what the daemon runs.
struct Daemon {
    var store: StateStore
    var pipeline: Pipeline
    var hub: HubServer?
    var hubStore: HubStore?
    var hubURL: String?
    var http: HTTPClient
    var logger: Logger
    /// Opens when the embedded hub listens; delivery and reply watching start then.
    var hubListening: StartGate

    /// Every service, started in this order and stopped in reverse: the hub first, so delivery
    /// finds it listening, and the scheduler last.
    var services: ServiceGroup {
        let waiting: [any Service] = [pipeline.delivery, pipeline.replies]
        let delivery: [any Service] = hub == nil ? waiting : waiting.map { GatedService(gate: hubListening, service: $0) }
        let all: [any Service] = (hub.map { [$0] } ?? []) + delivery + [pipeline.scheduler, SystemdNotifier()]
        return ServiceGroup(configuration: .init(
            services: all.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    }

    static func build(config: CrierConfig, logger: Logger) async throws -> Daemon {
        let stateDirectory = config.daemon.stateDirectory
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let store = try StateStore(path: stateDirectory + "/state.db")
        let http = HTTPClient(configuration: .init(config.http))

        var hubService: HubServer?
        var hubStore: HubStore?
        let hubListening = StartGate()
        var endpoint: HubEndpoint?
        if config.hub.enabled {
            let prepared = try HubProvisioning.prepare(config)
            hubStore = prepared.store
            let connectHost = ["0.0.0.0", "::", "[::]"].contains(config.hub.host) ? "127.0.0.1" : config.hub.host
            endpoint = HubEndpoint(baseURL: "http://\(connectHost):\(config.hub.port)", tokens: prepared.tokens)
            hubService = HubServer(
                configuration: prepared.configuration, store: prepared.store, logger: logger,
                onListening: { _ in hubListening.open() })
        }
        let context = ComponentContext(http: http, baseDirectory: config.baseDirectory, hub: endpoint)
        let pipeline = try Pipeline.build(
            config: config, factory: Catalog(), context: context, store: store, logger: logger,
            afterRelayBeforeRecord: CrashPoint.afterRelay(environment: ProcessInfo.processInfo.environment))
        return Daemon(store: store, pipeline: pipeline, hub: hubService, hubStore: hubStore, hubURL: endpoint?.baseURL, http: http, logger: logger, hubListening: hubListening)
    }
}

extension HTTPClientConfiguration {
    /// The client settings of `[http]`.
    init(_ settings: HTTPSettings) {
        self.init()
        timeout = settings.timeout
        maxBodyBytes = settings.maxBodyBytes
        maxConnectionsPerHost = settings.maxConnectionsPerHost
        maxRedirects = settings.maxRedirects
        proxy = settings.proxy
        caBundle = settings.caBundle
    }
}

/// Fault injection for crash tests: `CRIER_TEST_KILL_POINT=after-relay` makes the daemon kill
/// itself with SIGKILL right after a source accepted a reply and before that is recorded. Unset
/// (always, in production) it does nothing.
enum CrashPoint {
    static func afterRelay(environment: [String: String]) -> @Sendable () -> Void {
        guard environment["CRIER_TEST_KILL_POINT"] == "after-relay" else { return {} }
        return { kill(getpid(), SIGKILL) }
    }
}
