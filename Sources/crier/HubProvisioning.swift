import CrierCore
import CrierHub

/// Brings the hub's people and group settings in line with the configuration at start-up:
/// `[hub.users.NAME]` accounts (and passwords, when given), closed groups and, where the config
/// lists them, exact memberships. What the config does not mention (accounts and memberships made
/// with `crier hub …`) is left alone.
enum HubProvisioning {
    static func apply(_ config: CrierConfig, to store: HubStore) throws {
        for user in config.hub.users {
            if let password = user.password {
                _ = try store.setUser(username: user.username, displayName: user.displayName, password: password)
            } else {
                _ = try store.ensureUser(username: user.username, displayName: user.displayName ?? user.username)
            }
        }
        let hubSinks = Set(config.sinks.values.filter { $0.type == "hub" }.map(\.id))
        for group in config.groups.values.sorted(by: { $0.id < $1.id }) where hubSinks.contains(group.sink) {
            try store.setGroupClosed(group.account, closed: group.closed)
            if let members = group.members { try store.setMembers(group: group.account, users: members) }
        }
    }
}
