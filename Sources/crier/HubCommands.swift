import ArgumentParser
import CrierCore
import CrierHub
import Foundation

/// `crier hub …`: manage the embedded hub's accounts and tokens.
struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the embedded hub: people's accounts and API tokens.",
        subcommands: [User.self, Group.self, Token.self, Serve.self])

    /// `crier hub user add NAME`.
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manage people's accounts.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a person's account (does nothing if it exists).")
            @OptionGroup var options: ConfigOption
            @Argument(help: "The user name (letters, digits, _).") var username: String
            @Option(help: "The name shown next to their posts.") var displayName: String?
            @Option(help: "Set the web log-in password from the first line of this file.") var passwordFile: String?
            @Flag(help: "Set the web log-in password from the first line of standard input.") var passwordStdin = false

            func run() async throws {
                let store = try openHubStore(options.config)
                guard let password = try readPassword() else {
                    let account = try store.ensureUser(username: username, displayName: displayName ?? username)
                    print("account @\(account.username) (id \(account.id))")
                    return
                }
                let account = try store.setUser(username: username, displayName: displayName, password: password)
                print("account @\(account.username) (id \(account.id)), password set")
            }

            /// The password from `--password-file` or `--password-stdin` (first line), if either is given.
            private func readPassword() throws -> String? {
                var text: String?
                if let passwordFile {
                    text = try String(contentsOfFile: passwordFile, encoding: .utf8)
                } else if passwordStdin {
                    text = readLine(strippingNewline: true) ?? ""
                }
                guard let text else { return nil }
                let password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                guard password.count >= 8 else {
                    printError("the password must have at least 8 characters")
                    throw ExitCode(1)
                }
                return password
            }
        }
    }

    /// `crier hub group member add|remove GROUP USER`, `crier hub group close|open GROUP`.
    struct Group: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage groups: members, and whether a group is closed (members only).",
            subcommands: [Member.self, Close.self, Open.self])

        struct Member: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add people to a group or remove them.", subcommands: [Add.self, Remove.self])

            struct Add: AsyncParsableCommand {
                static let configuration = CommandConfiguration(abstract: "Make a person a member of a group.")
                @OptionGroup var options: ConfigOption
                @Argument(help: "The group's user name.") var group: String
                @Argument(help: "The person's user name.") var user: String

                func run() async throws {
                    try openHubStore(options.config).addMember(group: group, user: user)
                    print("@\(user) is a member of @\(group)")
                }
            }

            struct Remove: AsyncParsableCommand {
                static let configuration = CommandConfiguration(abstract: "Remove a person from a group.")
                @OptionGroup var options: ConfigOption
                @Argument(help: "The group's user name.") var group: String
                @Argument(help: "The person's user name.") var user: String

                func run() async throws {
                    let removed = try openHubStore(options.config).removeMember(group: group, user: user)
                    print(removed ? "@\(user) is no longer a member of @\(group)" : "@\(user) was not a member of @\(group)")
                }
            }
        }

        struct Close: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Make a group visible to its members only.")
            @OptionGroup var options: ConfigOption
            @Argument(help: "The group's user name.") var group: String

            func run() async throws {
                try openHubStore(options.config).setGroupClosed(group, closed: true)
                print("@\(group) is closed")
            }
        }

        struct Open: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Make a group visible to everyone.")
            @OptionGroup var options: ConfigOption
            @Argument(help: "The group's user name.") var group: String

            func run() async throws {
                try openHubStore(options.config).setGroupClosed(group, closed: false)
                print("@\(group) is open")
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
