import CrierCore
import CrierHub
import Foundation

/// Sets up the embedded hub from the configuration, the same for `crier run` and `crier hub serve`:
/// opens its database, creates the hub groups (with their delivery tokens), brings people and
/// group settings in line with the config, and derives the server settings from `[hub]`.
///
/// `[hub.users.NAME]` accounts (and passwords, when given), closed groups and, where the config
/// lists them, exact memberships are applied; what the config does not mention (accounts and
/// memberships made with `crier hub …`) is left alone.
enum HubProvisioning {
    struct Prepared {
        var store: HubStore
        var configuration: HubConfiguration
        /// Delivery tokens of the hub groups, by group id.
        var tokens: [String: String]
    }

    static func prepare(_ config: CrierConfig) throws -> Prepared {
        let stateDirectory = config.daemon.stateDirectory
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let store = try HubStore(path: stateDirectory + "/hub.db")
        var tokens: [String: String] = [:]
        for group in hubGroups(config) {
            let account = try store.ensureGroup(username: group.account, displayName: group.displayName, note: group.description)
            tokens[group.id] = try store.token(for: account.id, label: "crier-delivery")
        }
        try apply(config, to: store)
        let configuration = HubConfiguration(
            host: config.hub.host, port: config.hub.port, databasePath: stateDirectory + "/hub.db",
            title: config.hub.title, maxCharacters: config.hub.maxCharacters,
            trustedProxyHeader: config.hub.trustedProxyHeader, trustedProxies: config.hub.trustedProxies)
        return Prepared(store: store, configuration: configuration, tokens: tokens)
    }

    static func apply(_ config: CrierConfig, to store: HubStore) throws {
        for user in config.hub.users {
            if let password = user.password {
                _ = try store.setUser(username: user.username, displayName: user.displayName, password: password)
            } else {
                _ = try store.ensureUser(username: user.username, displayName: user.displayName ?? user.username)
            }
        }
        for group in hubGroups(config) {
            try store.setGroupClosed(group.account, closed: group.closed)
            if let members = group.members { try store.setMembers(group: group.account, users: members) }
        }
    }

    /// The groups that live in a sink of type `hub`, in a stable order.
    static func hubGroups(_ config: CrierConfig) -> [GroupConfig] {
        let hubSinks = Set(config.sinks.values.filter { $0.type == "hub" }.map(\.id))
        return config.groups.values.filter { hubSinks.contains($0.sink) }.sorted { $0.id < $1.id }
    }
}
