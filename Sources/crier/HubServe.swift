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

        /// Opens the hub database in the state directory, creates the configured hub groups (as
        /// `crier run` does), and derives the server settings from `[hub]`.
        static func prepare(_ config: CrierConfig) throws -> (HubStore, HubConfiguration) {
            let stateDirectory = config.daemon.stateDirectory
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            let store = try HubStore(path: stateDirectory + "/hub.db")
            let hubSinks = Set(config.sinks.values.filter { $0.type == "hub" }.map(\.id))
            for group in config.groups.values where hubSinks.contains(group.sink) {
                _ = try store.ensureGroup(username: group.account, displayName: group.displayName, note: group.description)
            }
            let hubConfiguration = HubConfiguration(
                host: config.hub.host, port: config.hub.port, databasePath: stateDirectory + "/hub.db",
                title: config.hub.title, maxCharacters: config.hub.maxCharacters)
            return (store, hubConfiguration)
        }
    }
}
