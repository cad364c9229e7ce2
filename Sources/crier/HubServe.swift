import ArgumentParser
import CrierCore
import CrierHub
import Foundation
import Logging
import ServiceLifecycle

extension Hub {
    /// `crier hub serve`: runs only the embedded hub (web UI and Mastodon API), without sources or
    /// delivery, for a hub on its own host. It stops gracefully on SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve only the embedded hub (no sources, no delivery), until SIGTERM or SIGINT.")
        @OptionGroup var options: ConfigOption

        func run() async throws {
            let config = try loadConfigOrExit(options.config)
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = Logger.Level(rawValue: config.daemon.logLevel) ?? .info
                return handler
            }
            let logger = Logger(label: "crier.hub")
            let (store, hubConfiguration) = try Self.prepare(config)
            let server = HubServer(configuration: hubConfiguration, store: store, logger: logger) { port in
                logger.info("hub listening", metadata: ["hub.url": "http://\(hubConfiguration.host):\(port)"])
            }
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }

        /// The hub's store and server settings, set up exactly as `crier run` sets them up.
        static func prepare(_ config: CrierConfig) throws -> (HubStore, HubConfiguration) {
            let prepared = try HubProvisioning.prepare(config)
            return (prepared.store, prepared.configuration)
        }
    }
}
