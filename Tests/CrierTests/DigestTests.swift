@testable import crier
import CrierCore
import CrierTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A digest route turns a burst of 30 items into one post that lists them with links.
@Suite(.serialized) struct DigestTests {
    @Test func aBurstOfThirtyBecomesOnePost() async throws {
        let visible = Mutex(0)
        let server = try await FixtureServer.start { _ in
            let count = visible.withLock { $0 }
            return FixtureResponse(body: FeedDocument(title: "wiki", entries: (0..<count).reversed().map {
                .init(guid: "edit-\($0)", title: "Page \($0) edited", link: "https://wiki.example.com/diff/\($0)")
            }).bytes)
        }
        let directory = try temporaryDirectory("digest")
        var config = EndToEndTests.config(server: server, directory: directory, paths: ["/wiki.xml"])
        config.hub.maxCharacters = 5000
        config.routes["all"]!.digest = .seconds(2)

        let daemon = try await Daemon.build(config: config, logger: Logger(label: "digest"))
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.hub?.run() }
                group.addTask { try? await daemon.pipeline.delivery.run() }
            }
        }
        await EndToEndTests.pollAll(daemon)  // baseline: an empty wiki
        visible.withLock { $0 = 20 }
        await EndToEndTests.pollAll(daemon)
        visible.withLock { $0 = 30 }          // the burst goes on within the window
        await EndToEndTests.pollAll(daemon)
        #expect(try await EndToEndTests.drained(daemon))

        let posts = try await HubReader(baseURL: daemon.hubURL!).statuses(of: "news")
        #expect(posts.count == 1)
        let text = try #require(posts.first?.text)
        #expect(text.hasPrefix("30 updates from wiki"))
        for n in 0..<30 { #expect(text.contains("• Page \(n) edited https://wiki.example.com/diff/\(n)")) }
        #expect(try daemon.store.outboxRows(state: .sent, limit: 100).count == 30)

        // A single later item, alone in its window, is posted on its own.
        visible.withLock { $0 = 31 }
        await EndToEndTests.pollAll(daemon)
        #expect(try await EndToEndTests.drained(daemon))
        let after = try await HubReader(baseURL: daemon.hubURL!).statuses(of: "news")
        #expect(after.count == 2)
        #expect(after.last?.text.hasPrefix("Page 30 edited") == true)

        running.cancel()
        await running.value
        daemon.http.shutdown()
        await server.stop()
    }
}

/// Digest text on its own: limits are respected and the rest is counted.
@Suite struct DigestRendererTests {
    @Test func longBurstsEndWithTheCountOfTheRest() {
        let items = (0..<40).map { Item(key: "\($0)", fingerprint: "f", title: "Edit number \($0) @all", link: "https://w.example/\($0)") }
        let text = DigestRenderer().render(items, sourceIds: ["wiki"], limits: PostLimits(maxCharacters: 500, charactersPerURL: 23))
        #expect(PostLength(charactersPerURL: 23).count(text) <= 500)
        #expect(text.hasPrefix("40 updates from wiki\n• Edit number 0 @\u{200B}all https://w.example/0"))
        let shown = text.components(separatedBy: "\n• ").count - 1
        #expect(text.hasSuffix("… and \(40 - shown) more"))
    }
}
