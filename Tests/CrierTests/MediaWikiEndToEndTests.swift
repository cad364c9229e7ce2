import CrierCore
import CrierHTTP
import CrierTestSupport
import Foundation
import Testing

/// The acceptance test of the reply path against a real MediaWiki 1.39 and the real `crier`
/// binary: wiki edits become threaded posts in a hub group, a reply in the hub becomes an
/// attributed talk-page entry, that entry never comes back as a post, and a SIGKILL between the
/// relay and its record does not duplicate the talk-page text.
@Suite(.serialized) struct MediaWikiEndToEndTests {
    @Test func editsThreadRepliesTravelBackAndCrashesDoNotDuplicate() async throws {
        let wiki = try await MediaWikiProcess.start()
        let http = HTTPClient()
        defer { http.shutdown() }
        let admin = WikiAdmin(wiki, http: http)
        let directory = try temporaryDirectory("mw-e2e")
        let port = freeLoopbackPort()
        let configPath = directory + "/crier.toml"
        try """
            [crier]
            state_dir = "state"
            log_level = "info"
            reply_poll_interval = "300ms"

            [hub]
            listen = "127.0.0.1:\(port)"

            [sources.wiki]
            type = "mediawiki"
            url = "\(wiki.apiURL)"
            username = "\(MediaWikiProcess.botUser)"
            password_file = "\(wiki.directory)/botpassword"
            interval = "1s"
            min_interval = "1s"

            [sinks.hub]
            type = "hub"

            [groups.wiki]
            sink = "hub"
            display_name = "Wiki changes"

            [routes.wiki]
            sources = ["wiki"]
            groups = ["wiki"]
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let log = directory + "/crier.log"
        let state = directory + "/state/state.db"
        _ = try DaemonProcess.run(["hub", "user", "add", "alice", "--display-name", "Alice Example", "--config", configPath])
        let aliceToken = try DaemonProcess.run(["hub", "token", "alice", "--config", configPath]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)

        var daemon = try DaemonProcess(arguments: ["run", "--config", configPath], log: log)
        #expect(try await eventually { (try? StateStore(path: state).sourceState("wiki")?.baselineAt) != nil })

        // Edits of one page: the first is a post, the later ones reply under it.
        try await admin.edit("Release notes", text: "Version 1.0 is out.", summary: "first draft")
        try await admin.edit("Release notes", text: "Version 1.0 is out. Highlights below.", summary: "add highlights")
        try await admin.edit("Release notes", text: "Version 1.0 is out. Highlights: speed.", summary: "speed")
        let reader = HubReader(baseURL: "http://127.0.0.1:\(port)")
        defer { reader.shutdown() }
        #expect(try await eventually { (try? await reader.statuses(of: "wiki").count) == 3 })
        let posts = try await reader.statuses(of: "wiki")
        let root = try #require(posts.first)
        #expect(root.text.contains("Release notes"))
        #expect(root.inReplyTo == nil)
        #expect(posts.dropFirst().allSatisfy { $0.inReplyTo == root.id })

        // A reply in the hub lands on the talk page, attributed and linked.
        let alice = HubPerson(baseURL: "http://127.0.0.1:\(port)", token: aliceToken)
        defer { alice.shutdown() }
        let replyId = try await alice.reply(to: root.id, "Looks good, thanks!")
        #expect(try await eventually { try await admin.wikitext("Talk:Release notes").contains("Looks good, thanks!") })
        let talk = try await admin.wikitext("Talk:Release notes")
        #expect(talk.contains("Microblog discussion"))
        #expect(talk.contains("Alice Example (@alice)"))
        #expect(talk.contains("/@alice/\(replyId)") || talk.contains(replyId))

        // The talk-page edit is Crier's own: several polls later it has not become a post.
        try await Task.sleep(for: .seconds(3))
        #expect(try await reader.statuses(of: "wiki").count == 3)

        // SIGKILL between the relay and its record: the retry finds its marker and writes nothing.
        daemon.terminate()
        daemon = try DaemonProcess(arguments: ["run", "--config", configPath], log: log, environment: ["CRIER_TEST_KILL_POINT": "after-relay"])
        try await Task.sleep(for: .seconds(1))
        _ = try await alice.reply(to: root.id, "Second thought: ship it Friday.")
        #expect(try await eventually { !daemon.isRunning })
        #expect(daemon.wasKilled)
        #expect(try await admin.wikitext("Talk:Release notes").components(separatedBy: "Second thought: ship it Friday.").count == 2)
        #expect(try StateStore(path: state).replies(state: .pending).count == 1)

        daemon = try DaemonProcess(arguments: ["run", "--config", configPath], log: log)
        #expect(try await eventually { (try? StateStore(path: state).replies(state: .relayed).count) == 2 })
        let final = try await admin.wikitext("Talk:Release notes")
        #expect(final.components(separatedBy: "Second thought: ship it Friday.").count == 2)
        #expect(final.components(separatedBy: "Microblog discussion").count == 2)
        try await Task.sleep(for: .seconds(2))
        #expect(try await reader.statuses(of: "wiki").count == 3)
        daemon.terminate()
    }

    @Test func aBurstOfThirtyWikiEditsBecomesOneDigestPost() async throws {
        let wiki = try await MediaWikiProcess.start()
        let http = HTTPClient()
        defer { http.shutdown() }
        let admin = WikiAdmin(wiki, http: http)
        let directory = try temporaryDirectory("mw-digest")
        let port = freeLoopbackPort()
        let configPath = directory + "/crier.toml"
        try """
            [crier]
            state_dir = "state"
            [hub]
            listen = "127.0.0.1:\(port)"
            max_characters = 5000
            [sources.wiki]
            type = "mediawiki"
            url = "\(wiki.apiURL)"
            interval = "1s"
            min_interval = "1s"
            [sinks.hub]
            type = "hub"
            [groups.wiki]
            sink = "hub"
            [routes.wiki]
            sources = ["wiki"]
            groups = ["wiki"]
            digest = "20s"
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let state = directory + "/state/state.db"
        let daemon = try DaemonProcess(arguments: ["run", "--config", configPath], log: directory + "/crier.log")
        defer { daemon.terminate() }
        #expect(try await eventually { (try? StateStore(path: state).sourceState("wiki")?.baselineAt) != nil })

        for n in 0..<30 { try await admin.edit("Burst page \(n)", text: "Text \(n)", summary: "burst \(n)") }
        let reader = HubReader(baseURL: "http://127.0.0.1:\(port)")
        defer { reader.shutdown() }
        // The window (20 s) is wide enough for 30 edits on a loaded machine; then the digest goes out.
        #expect(try await eventually(timeout: .seconds(60)) {
            (try? StateStore(path: state).outboxRows(state: .pending).isEmpty) == true
                && (try? StateStore(path: state).outboxRows(state: .sent, limit: 100).count) == 30
        })
        let posts = try await reader.statuses(of: "wiki")
        #expect(posts.count == 1)
        let text = try #require(posts.first?.text)
        #expect(text.hasPrefix("30 updates from wiki"))
        for n in 0..<30 { #expect(text.contains("Burst page \(n) ")) }
    }
}
