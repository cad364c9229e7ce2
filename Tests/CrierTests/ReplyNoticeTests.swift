@testable import crier
import CrierCore
import CrierTestSupport
import Foundation
import Logging
import Testing

/// No silent drops: a reply to a post whose source takes no replies (a plain feed) gets exactly one
/// visible notice in its thread, across restarts; the group's own posts are never relayed.
@Suite(.serialized) struct ReplyNoticeTests {
    static func run(_ daemon: Daemon) -> Task<Void, Never> {
        Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.hub?.run() }
                group.addTask { try? await daemon.pipeline.delivery.run() }
                group.addTask { try? await daemon.pipeline.replies.run() }
            }
        }
    }

    @Test func aReplyToAFeedPostGetsExactlyOneNotice() async throws {
        let server = try await FixtureServer.start { _ in
            FixtureResponse(body: FeedDocument(title: "news", entries: [.init(guid: "n1", title: "Canteen news", link: "https://example.com/n1")]).bytes)
        }
        let directory = try temporaryDirectory("notice")
        var config = EndToEndTests.config(server: server, directory: directory, paths: ["/news.xml"])
        config.sources["news"]!.backfill = 5
        config.daemon.replyPollInterval = .milliseconds(200)

        var daemon = try await Daemon.build(config: config, logger: Logger(label: "notice"))
        var running = Self.run(daemon)
        await EndToEndTests.pollAll(daemon)
        #expect(try await EndToEndTests.drained(daemon))
        let reader = HubReader(baseURL: daemon.hubURL!)
        let post = try #require(try await reader.statuses(of: "news").first)
        let alice = try HubPerson(store: daemon.hubStore!, baseURL: daemon.hubURL!, username: "alice", displayName: "Alice Example")
        let replyId = try await alice.reply(to: post.id, "Will there be vegan options?")

        let noticed = try await eventually(timeout: .seconds(20)) {
            try daemon.store.replies(state: .noticed).count == 1
        }
        #expect(noticed)
        // Restart: the recorded reply is not recorded again and gets no second notice.
        running.cancel()
        await running.value
        daemon.http.shutdown()
        daemon = try await Daemon.build(config: config, logger: Logger(label: "notice"))
        running = Self.run(daemon)
        try await Task.sleep(for: .seconds(2))

        let thread = try await alice.descendants(of: post.id)
        let notices = thread.filter { $0.text.hasPrefix("Not relayed:") }
        #expect(notices.count == 1)
        #expect(notices.first?.inReplyTo == replyId)
        #expect(notices.first?.author == "news")
        #expect(notices.first?.text == "Not relayed: the source 'news' does not take replies")
        #expect(try daemon.store.replies().count == 1)
        // The notice is the group's own post: it is never taken for a reply to relay.
        #expect(try daemon.store.replies(state: .pending).isEmpty)

        running.cancel()
        await running.value
        alice.shutdown()
        reader.shutdown()
        daemon.http.shutdown()
        await server.stop()
    }

    @Test func repliesTheNotificationsMissedAreBackfilledOnce() async throws {
        let server = try await FixtureServer.start { _ in
            FixtureResponse(body: FeedDocument(title: "news", entries: [.init(guid: "n1", title: "Hello", link: "https://example.com/n1")]).bytes)
        }
        let directory = try temporaryDirectory("backfill")
        var config = EndToEndTests.config(server: server, directory: directory, paths: ["/news.xml"])
        config.sources["news"]!.backfill = 5
        let daemon = try await Daemon.build(config: config, logger: Logger(label: "backfill"))
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.hub?.run() }
                group.addTask { try? await daemon.pipeline.delivery.run() }
            }
        }
        await EndToEndTests.pollAll(daemon)
        #expect(try await EndToEndTests.drained(daemon))
        let reader = HubReader(baseURL: daemon.hubURL!)
        let post = try #require(try await reader.statuses(of: "news").first)
        let bob = try HubPerson(store: daemon.hubStore!, baseURL: daemon.hubURL!, username: "bob", displayName: "Bob")
        let replyId = try await bob.reply(to: post.id, "@news thanks for this")

        // A gap: the stored cursor is already past Bob's notification.
        try daemon.store.recordReplies([], sinkId: "hub", groupId: "news", cursor: "999999999", now: Date())
        let watcher = try #require(daemon.pipeline.replies.watchers.first)
        try await watcher.readNew()
        #expect(try daemon.store.replies().isEmpty)
        try await watcher.backfill()
        try await watcher.backfill()
        let recorded = try daemon.store.replies()
        #expect(recorded.count == 1)
        #expect(recorded.first?.remoteId == replyId)
        #expect(recorded.first?.parentRemoteId == post.id)
        #expect(recorded.first?.authorHandle == "bob")
        #expect(recorded.first?.text == "thanks for this")

        running.cancel()
        await running.value
        bob.shutdown()
        reader.shutdown()
        daemon.http.shutdown()
        await server.stop()
    }
}
