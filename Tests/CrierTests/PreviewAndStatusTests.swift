import CrierTestSupport
import Foundation
import Testing

/// `crier preview` and `crier status` as an operator runs them, on a local feed file.
@Suite struct PreviewAndStatusTests {
    func write(backfill: Int) throws -> String {
        let directory = try temporaryDirectory("preview")
        let feed = FeedDocument(title: "ops", entries: [
            .init(guid: "3", title: "Outage in EU resolved", link: "https://status.example.com/3", description: "All systems normal. @all"),
            .init(guid: "2", title: "Planned maintenance", link: "https://status.example.com/2"),
            .init(guid: "1", title: "Outage in EU", link: "https://status.example.com/1"),
        ])
        try feed.xml.write(toFile: directory + "/ops.xml", atomically: true, encoding: .utf8)
        try """
            [crier]
            state_dir = "state"
            [hub]
            listen = "127.0.0.1:\(freeLoopbackPort())"
            [sources.ops]
            type = "feed"
            url = "ops.xml"
            allow_file = true
            backfill = \(backfill)
            [sinks.hub]
            type = "hub"
            [groups.ops]
            sink = "hub"
            [routes.outages]
            sources = ["ops"]
            groups = ["ops"]
            [[routes.outages.filter]]
            field = "title"
            contains = "outage"
            """.write(toFile: directory + "/crier.toml", atomically: true, encoding: .utf8)
        return directory + "/crier.toml"
    }

    @Test func previewShowsWhatWouldBePostedAndWhyTheRestIsSkipped() throws {
        let config = try write(backfill: 3)
        let (status, output) = try DaemonProcess.run(["preview", "ops", "--config", config])
        #expect(status == 0, "\(output)")
        #expect(output.contains("ops: 3 items (first poll: baseline, backfill = 3)"))
        #expect(output.contains("WOULD POST to hub/ops:\n    | Outage in EU\n"))
        #expect(output.contains("    | All systems normal. @\u{200B}all"))
        #expect(output.contains("skip: route outages: filter title contains \"outage\" did not match"))
        // Nothing was published or remembered: the state database has no items.
        let status2 = try DaemonProcess.run(["status", "--config", config])
        #expect(status2.output.contains("ops: not polled yet") || status2.output.contains("ops: not polled"))
    }

    @Test func previewOfAFirstPollWithoutBackfillPostsNothing() throws {
        let config = try write(backfill: 0)
        let (status, output) = try DaemonProcess.run(["preview", "ops", "--config", config])
        #expect(status == 0, "\(output)")
        #expect(!output.contains("WOULD POST"))
        #expect(output.components(separatedBy: "skip: first poll records a baseline").count == 4)
    }

    @Test func previewOfAnUnknownSourceNamesTheConfiguredOnes() throws {
        let config = try write(backfill: 0)
        let (status, output) = try DaemonProcess.run(["preview", "nope", "--config", config])
        #expect(status != 0)
        #expect(output.contains("no source named 'nope'; configured: ops"))
    }
}
