import ArgumentParser
import CrierCore

/// `crier check`: validates a configuration and reports every problem at once.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the configuration; exits 78 and lists every problem when it is invalid.")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try loadConfigOrExit(options.config)
        print("\(options.config): OK (\(config.sources.count) sources, \(config.sinks.count) sinks, \(config.groups.count) groups, \(config.routes.count) routes)")
    }
}
