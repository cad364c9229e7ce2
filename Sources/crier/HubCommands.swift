import ArgumentParser
import CrierCore
import CrierHub
import Foundation

/// `crier hub …`: manage the embedded hub's accounts and tokens.
struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the embedded hub: people's accounts and API tokens.",
        subcommands: [User.self, Token.self])

    /// `crier hub user add NAME`.
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manage people's accounts.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a person's account (does nothing if it exists).")
            @OptionGroup var options: ConfigOption
            @Argument(help: "The user name (letters, digits, _).") var username: String
            @Option(help: "The name shown next to their posts.") var displayName: String?

            func run() async throws {
                let store = try openHubStore(options.config)
                let account = try store.ensureUser(username: username, displayName: displayName ?? username)
                print("account @\(account.username) (id \(account.id))")
            }
        }
    }

    /// `crier hub token NAME`: prints a bearer token for a person's Mastodon API clients.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an API token for an account (kept hashed in the hub).")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The user name.") var username: String
        @Option(help: "A label telling this token apart from the account's others.") var label: String = "cli"

        func run() async throws {
            let store = try openHubStore(options.config)
            guard let account = try store.account(username: username) else {
                printError("no account @\(username); create it with `crier hub user add \(username)`")
                throw ExitCode(1)
            }
            print(try store.token(for: account.id, label: label))
        }
    }
}

/// The hub's database from the configuration's state directory.
func openHubStore(_ configPath: String) throws -> HubStore {
    let config = try loadConfigOrExit(configPath)
    try FileManager.default.createDirectory(atPath: config.daemon.stateDirectory, withIntermediateDirectories: true)
    return try HubStore(path: config.daemon.stateDirectory + "/hub.db")
}
