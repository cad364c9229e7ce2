import CrierCore
import CrierTestSupport
import Foundation
import Synchronization
import Testing

/// The daemon is killed with SIGKILL at random points while 500 items flow; after the last
/// restart every item has been posted exactly once, counted through the hub API.
@Suite(.serialized) struct RestartTests {
    static let feeds = 5
    static let itemsPerFeed = 100
    static let kills = 20

    /// Items appear over time: feed `f` shows its first `visible` items, newest first.
    static func document(feed: Int, visible: Int) -> FeedDocument {
        FeedDocument(title: "feed \(feed)", entries: (0..<visible).reversed().map { n in
            FeedDocument.Entry(guid: "f\(feed)-\(n)", title: "item f\(feed)-\(n)", link: "https://example.com/f\(feed)/\(n)")
        })
    }

    @Test func sigkillAtRandomPointsLosesAndDuplicatesNothing() async throws {
        let start = ContinuousClock.now
        // All 500 items are visible about 15 s after the start, while the kills are still going on.
        let server = try await FixtureServer.start { request in
            let elapsed = (ContinuousClock.now - start).seconds
            let visible = min(RestartTests.itemsPerFeed, Int(elapsed * 7))
            let feed = Int(request.path.dropFirst(6).prefix { $0 != "." }) ?? 0
            return FixtureResponse(status: 200, headers: [("Content-Type", "application/rss+xml")],
                                   body: RestartTests.document(feed: feed, visible: visible).bytes)
        }
        let directory = try temporaryDirectory("restart")
        let port = freeLoopbackPort()
        var config = """
            [crier]
            state_dir = "\(directory)"
            log_level = "warning"

            [hub]
            listen = "127.0.0.1:\(port)"

            [sinks.hub]
            type = "hub"

            [groups.news]
            sink = "hub"

            [routes.all]
            sources = [\((0..<Self.feeds).map { "\"feed\($0)\"" }.joined(separator: ", "))]
            groups = ["news"]

            """
        for feed in 0..<Self.feeds {
            config += """
                [sources.feed\(feed)]
                type = "feed"
                url = "\(server.baseURL)/feed-\(feed).xml"
                interval = "1s"
                min_interval = "1s"
                backfill = 1000

                """
        }
        let configPath = directory + "/crier.toml"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let log = directory + "/crier.log"

        for _ in 0..<Self.kills {
            let daemon = try DaemonProcess(arguments: ["run", "--config", configPath], log: log)
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500)))
            daemon.kill()
        }
        let last = try DaemonProcess(arguments: ["run", "--config", configPath], log: log)
        let reader = HubReader(baseURL: "http://127.0.0.1:\(port)")
        let total = Self.feeds * Self.itemsPerFeed
        let complete = try await eventually(timeout: .seconds(90)) {
            (try? await reader.statuses(of: "news").count) ?? 0 >= total
        }
        // Give a duplicate, if there were one, the time to show up before counting.
        try await Task.sleep(for: .seconds(2))
        let posts = try await reader.statuses(of: "news")
        last.terminate()
        reader.shutdown()
        await server.stop()

        #expect(complete, "only \(posts.count) of \(total) posts arrived; log: \(log)")
        let titles = posts.map { $0.text.components(separatedBy: "\n").first ?? "" }
        #expect(posts.count == total)
        #expect(Set(titles).count == total)
        let expected = Set((0..<Self.feeds).flatMap { f in (0..<Self.itemsPerFeed).map { "item f\(f)-\($0)" } })
        #expect(Set(titles) == expected)
    }
}
