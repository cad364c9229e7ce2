@testable import CrierHub
import Foundation

/// A running hub with a group (`releases`) and a person (`alice`), each with a token.
struct HubFixture: Sendable {
    let hub: RunningHub
    let group: HubAccount
    let groupToken: String
    let alice: HubAccount
    let aliceToken: String

    /// Runs `body` against a fresh hub, and always stops it and deletes its database afterwards.
    static func with(
        maxCharacters: Int = 500, configure: @Sendable (inout HubConfiguration) -> Void = { _ in },
        _ body: @Sendable (HubFixture) async throws -> Void
    ) async throws {
        let hub = try await RunningHub.start(maxCharacters: maxCharacters, configure: configure)
        do {
            try await body(make(hub))
        } catch {
            await hub.stopAndRemove()
            throw error
        }
        await hub.stopAndRemove()
    }

    /// Creates the accounts and tokens in a hub's store.
    static func make(_ hub: RunningHub) throws -> HubFixture {
        let group = try hub.store.ensureGroup(username: "releases", displayName: "Releases", note: "New versions")
        let alice = try hub.store.ensureUser(username: "alice", displayName: "Alice")
        return HubFixture(
            hub: hub,
            group: group, groupToken: try hub.store.token(for: group.id, label: "crier"),
            alice: alice, aliceToken: try hub.store.token(for: alice.id, label: "test")
        )
    }
}
