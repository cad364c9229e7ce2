@testable import crier
import CrierCore
import CrierConnectors
import CrierTestSupport
import Foundation
import Logging
import Testing

/// `[hub.users.NAME]`, closed groups and member lists from the config reach the hub at start-up.
@Suite struct HubProvisioningTests {
    @Test func configuredPeopleAndClosedGroupsAreApplied() async throws {
        let directory = try temporaryDirectory("provision")
        try "s3cret-pass".write(toFile: directory + "/alice.pw", atomically: true, encoding: .utf8)
        let text = """
            [crier]
            state_dir = "state"
            [hub]
            listen = "127.0.0.1:\(freeLoopbackPort())"
            trusted_proxy_header = "X-Remote-User"
            trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]
            [hub.users.alice]
            display_name = "Alice Example"
            password_file = "alice.pw"
            [hub.users.bob]
            [sinks.hub]
            type = "hub"
            [groups.ops]
            sink = "hub"
            closed = true
            members = ["alice"]
            """
        let config = try ConfigLoader.parse(text: text, file: "crier.toml", baseDirectory: directory, catalog: Catalog(), environment: [:])
        #expect(config.hub.users.map(\.username) == ["alice", "bob"])
        #expect(config.hub.users.first?.password == "s3cret-pass")
        #expect(config.groups["ops"]?.closed == true)

        let daemon = try await Daemon.build(config: config, logger: Logger(label: "provision"))
        defer { daemon.http.shutdown() }
        let store = try #require(daemon.hubStore)
        #expect(try store.account(username: "alice")?.displayName == "Alice Example")
        #expect(try store.account(username: "bob") != nil)
        #expect(try store.members(of: "ops").contains("alice"))
        #expect(try !store.members(of: "ops").contains("bob"))
    }

    @Test func badProxySettingsAreConfigErrors() {
        let text = """
            [hub]
            trusted_proxy_header = "X-Remote-User"
            trusted_proxies = ["10.0.0.0/33", "not-an-ip"]
            [hub.users.carol]
            password = "literal"
            """
        #expect {
            _ = try ConfigLoader.parse(text: text, file: "crier.toml", baseDirectory: "/tmp", catalog: Catalog(), environment: [:])
        } throws: { error in
            let messages = (error as? ConfigError)?.problems.map(\.description) ?? []
            return messages.contains { $0.contains("hub.trusted_proxies[0]") }
                && messages.contains { $0.contains("hub.trusted_proxies[1]") }
                && messages.contains { $0.contains("hub.users.carol.password") && $0.contains("not accepted in the config text") }
        }
    }
}
