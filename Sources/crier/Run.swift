import ArgumentParser
import CrierCore
import Foundation
import Logging

/// `crier run`: the daemon.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the daemon (the default command).")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try loadConfigOrExit(options.config)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: config.daemon.logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "crier")
        let daemon = try await Daemon.build(config: config, logger: logger)
        logger.info("starting", metadata: [
            "config": "\(options.config)", "sources": "\(config.sources.count)",
            "hub": "\(daemon.hubURL ?? "disabled")",
        ])
        try await daemon.services.run()
    }
}
