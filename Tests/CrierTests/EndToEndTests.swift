@testable import crier
import CrierCore
import CrierTestSupport
import Foundation
import Logging
import Testing

/// The whole pipeline in one process: a loopback fixture feed server, the real daemon composition
/// (libcurl, libxml2, SQLite, delivery through the Mastodon sink) and the embedded hub, read back
/// through its API.
@Suite(.serialized) struct EndToEndTests {
    typealias Entry = FeedDocument.Entry

    static func config(server: FixtureServer, directory: String, paths: [String]) -> CrierConfig {
        var config = CrierConfig()
        config.baseDirectory = directory
        config.daemon.stateDirectory = directory
        config.daemon.logLevel = "error"
        config.hub.port = freeLoopbackPort()
        config.http.timeout = .seconds(2)
        for path in paths {
            let id = String(path.dropFirst().prefix { $0 != "." })
            config.sources[id] = SourceConfig(id: id, type: "feed", options: ["url": .string(server.baseURL + path)])
        }
        config.sinks["hub"] = SinkConfig(id: "hub", type: "hub")
        config.groups["news"] = GroupConfig(id: "news", sink: "hub", displayName: "News")
        config.routes["all"] = RouteConfig(id: "all", sources: config.sources.keys.sorted(), groups: ["news"])
        return config
    }

    /// Polls every source once, concurrently, through the daemon's own poller.
    static func pollAll(_ daemon: Daemon) async {
        await withTaskGroup(of: Void.self) { group in
            for source in daemon.pipeline.sources {
                group.addTask { await daemon.pipeline.poller.poll(source, logger: daemon.logger) }
            }
        }
    }

    static func drained(_ daemon: Daemon) async throws -> Bool {
        try await eventually(timeout: .seconds(20)) { try daemon.store.outboxRows(state: .pending).isEmpty }
    }

    @Test func feedsBecomePostsExactlyOnce() async throws {
        let feeds = FeedFixtureState()
        let server = try await FixtureServer.start { await feeds.respond($0) }
        let directory = try temporaryDirectory("e2e")
        let base = "https://example.com/"
        feeds.set("/changing.xml", .init(document: FeedDocument(title: "changing", entries: [
            Entry(guid: "b", title: "B", link: base + "b"), Entry(guid: "a", title: "A", link: base + "a"),
        ])))
        feeds.set("/etag.xml", .init(document: FeedDocument(title: "etag", entries: [Entry(guid: "e1", title: "E1")]), supportsETag: true))
        feeds.set("/flaky.xml", .init(document: FeedDocument(title: "flaky", entries: [Entry(guid: "f1", title: "F1")]), failuresLeft: 1))
        feeds.set("/slow.xml", .init(document: FeedDocument(title: "slow", entries: [Entry(guid: "s1", title: "S1")]), delay: .milliseconds(1200)))
        feeds.set("/stuck.xml", .init(document: FeedDocument(title: "stuck", entries: []), delay: .seconds(4)))
        feeds.set("/edited.xml", .init(document: FeedDocument(title: "edited", entries: [])))
        feeds.set("/shared.xml", .init(document: FeedDocument(title: "shared", entries: [])))
        let config = Self.config(server: server, directory: directory, paths: [
            "/changing.xml", "/etag.xml", "/flaky.xml", "/slow.xml", "/stuck.xml", "/edited.xml", "/shared.xml",
        ])

        let daemon = try await Daemon.build(config: config, logger: Logger(label: "e2e"))
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.hub?.run() }
                group.addTask { try? await daemon.pipeline.delivery.run() }
            }
        }
        let reader = HubReader(baseURL: daemon.hubURL!)

        // First cycle: baselines; the flaky feed fails once and the stuck one times out.
        await Self.pollAll(daemon)
        #expect(try daemon.store.sourceState("flaky")?.errorCount == 1)
        #expect(try daemon.store.sourceState("flaky")?.lastError?.contains("500") == true)
        #expect(try daemon.store.sourceState("stuck")?.lastError?.contains("timed out") == true)
        await Self.pollAll(daemon)  // the flaky feed records its baseline now
        #expect(try daemon.store.sourceState("flaky")?.errorCount == 0)

        feeds.update("/changing.xml") { $0.entries = [Entry(guid: "d", title: "D", link: base + "d"), Entry(guid: "c", title: "C", link: base + "c"), Entry(guid: "b", title: "B", link: base + "b")] }
        feeds.update("/flaky.xml") { $0.entries.insert(Entry(guid: "f2", title: "F2"), at: 0) }
        feeds.update("/slow.xml") { $0.entries.insert(Entry(guid: "s2", title: "S2"), at: 0) }
        feeds.update("/edited.xml") { $0.entries = [Entry(guid: "t1", title: "T1", description: "first text")] }
        feeds.update("/shared.xml") { $0.entries = [
            Entry(guid: "same", title: "G2", link: base + "g2"), Entry(guid: "same", title: "G1", link: base + "g1"),
        ] }
        await Self.pollAll(daemon)
        #expect(feeds.statuses("/etag.xml").contains(304))
        feeds.update("/etag.xml") { $0.entries.insert(Entry(guid: "e2", title: "E2"), at: 0) }
        feeds.update("/changing.xml") { $0.entries.append(Entry(guid: "a", title: "A", link: base + "a")) }  // a tombstoned item returns
        await Self.pollAll(daemon)
        #expect(try await Self.drained(daemon))
        feeds.update("/edited.xml") { $0.entries = [Entry(guid: "t1", title: "T1", description: "second text")] }
        await Self.pollAll(daemon)
        #expect(try await Self.drained(daemon))

        let posts = try await reader.statuses(of: "news")
        let titles = posts.map { $0.text.components(separatedBy: "\n").first ?? "" }
        #expect(titles.sorted() == ["C", "D", "E2", "F2", "G1", "G2", "S2", "T1"])
        let edited = try #require(posts.first { $0.text.hasPrefix("T1") })
        #expect(edited.text.contains("second text"))
        #expect(edited.editedAt != nil)
        #expect(try daemon.store.outboxRows(state: .dead).isEmpty)

        // A second run on the same state posts nothing new.
        running.cancel()
        await running.value
        daemon.http.shutdown()
        let again = try await Daemon.build(config: config, logger: Logger(label: "e2e"))
        let rerun = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await again.hub?.run() }
                group.addTask { try? await again.pipeline.delivery.run() }
            }
        }
        await Self.pollAll(again)
        #expect(try await Self.drained(again))
        #expect(try await reader.statuses(of: "news").count == posts.count)
        rerun.cancel()
        await rerun.value
        again.http.shutdown()
        reader.shutdown()
        await server.stop()
    }
}
