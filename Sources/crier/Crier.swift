import ArgumentParser

/// The `crier` command line.
@main
struct Crier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crier",
        abstract: "Bridges feeds and other systems into groups of an internal microblog.",
        version: "0.1.0",
        subcommands: [Run.self, Check.self, Preview.self, Status.self, Retry.self, Hub.self],
        defaultSubcommand: Run.self)
}

/// The option every subcommand shares.
struct ConfigOption: ParsableArguments {
    @Option(name: [.short, .long], help: "The configuration file.")
    var config: String = "/etc/crier/crier.toml"
}
