import Foundation
import Testing

/// `crier check` as an operator runs it: every problem at once, with lines, and exit 78.
@Suite struct CheckCommandTests {
    @Test func fiveMistakesAreReportedTogetherWithTheirLines() throws {
        let directory = try temporaryDirectory("check")
        let path = directory + "/crier.toml"
        try """
            [crier]
            state_dir = "state"

            [sources.news]
            type = "feed"
            url = "https://example.com/feed.xml"
            intreval = "10m"

            [sources.blog]
            type = "feed"
            url = "https://example.com/blog.xml"
            backfill = "five"

            [sinks.hub]
            type = "hub"

            [groups.news]
            sink = "hub"

            [routes.main]
            sources = ["news", "blgo"]
            groups = ["news"]
            updates = "sometimes"

            [sources.ops]
            url = "https://example.com/ops.xml"
            """.write(toFile: path, atomically: true, encoding: .utf8)

        let (status, output) = try DaemonProcess.run(["check", "--config", path])
        #expect(status == 78)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(path):7:") && $0.contains("intreval") && $0.contains("did you mean 'interval'") })
        #expect(lines.contains { $0.hasPrefix("\(path):12:") && $0.contains("sources.blog.backfill") })
        #expect(lines.contains { $0.hasPrefix("\(path):21:") && $0.contains("blgo") })
        #expect(lines.contains { $0.hasPrefix("\(path):23:") && $0.contains("routes.main.updates") })
        #expect(lines.contains { $0.hasPrefix("\(path):25:") && $0.contains("sources.ops") && $0.contains("type") })
        #expect(output.contains("5 problems"))
    }

    @Test func theQuickstartConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (status, output) = try DaemonProcess.run(["check", "--config", root.appendingPathComponent("config/quickstart.toml").path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK (3 sources"))
    }
}
