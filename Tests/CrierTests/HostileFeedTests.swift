@testable import crier
import CrierCore
import CrierTestSupport
import Foundation
import Logging
import Testing

/// Hostile feeds next to a good one, through the whole daemon: the bad sources fail alone with a
/// visible error, nothing from the file system leaks, and what is posted stays inert text.
@Suite(.serialized) struct HostileFeedTests {
    static func rss(_ items: String, prolog: String = "") -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(prolog)<rss version=\"2.0\"><channel><title>t</title>\(items)</channel></rss>".utf8)
    }

    static let xxe = rss(
        "<item><guid>x1</guid><title>XXE &xxe;</title><description>before &xxe; after</description></item>",
        prolog: "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")

    static let laughs: [UInt8] = {
        var prolog = "<!DOCTYPE rss [<!ENTITY lol \"lol\">"
        prolog += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for level in 2...9 { prolog += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        prolog += "]>"
        return rss("<item><guid>l1</guid><title>laughs &lol9;</title></item>", prolog: prolog)
    }()

    static let huge: [UInt8] = rss("<item><guid>h1</guid><title>huge</title><description>" + String(repeating: "a", count: 20 * 1024 * 1024) + "</description></item>")

    static func gzipBomb() throws -> [UInt8] {
        let directory = try temporaryDirectory("bomb")
        let path = directory + "/bomb.xml"
        var document = rss("<item><guid>b1</guid><title>bomb</title><description>")
        document += [UInt8](repeating: 0x20, count: 60 * 1024 * 1024)
        document += Array("</description></item></channel></rss>".utf8)
        try Data(document).write(to: URL(fileURLWithPath: path))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9", path]
        try gzip.run()
        gzip.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
    }

    static let invalidUTF8: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><item><guid>u1</guid><title>caf".utf8)
        + [0xC3, 0x28, 0xFF] + Array("é ok</title></item></channel></rss>".utf8)

    static let scripts = rss("""
        <item><guid>s1</guid><title>Scripts &lt;b&gt;here&lt;/b&gt;</title><description>&lt;p&gt;Hello&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt; world&lt;/p&gt;</description></item>
        """)

    static let mentions = rss("<item><guid>m1</guid><title>@all meeting now</title><description>ping @everyone and @here, mail ops@example.com</description></item>")

    static let good = rss("<item><guid>g1</guid><title>Good news</title><description>all fine</description></item>")

    @Test func hostileFeedsStayContained() async throws {
        let bomb = try Self.gzipBomb()
        let bodies: [String: FixtureResponse] = [
            "/xxe.xml": FixtureResponse(body: Self.xxe),
            "/laughs.xml": FixtureResponse(body: Self.laughs),
            "/huge.xml": FixtureResponse(body: Self.huge),
            "/bomb.xml": FixtureResponse(headers: [("Content-Encoding", "gzip")], body: bomb),
            "/utf8.xml": FixtureResponse(body: Self.invalidUTF8),
            "/scripts.xml": FixtureResponse(body: Self.scripts),
            "/mentions.xml": FixtureResponse(body: Self.mentions),
            "/good.xml": FixtureResponse(body: Self.good),
        ]
        let server = try await FixtureServer.start { request in bodies[request.path] ?? .text("missing", status: 404) }
        let directory = try temporaryDirectory("hostile")
        var config = EndToEndTests.config(server: server, directory: directory, paths: bodies.keys.sorted())
        for id in config.sources.keys { config.sources[id]!.backfill = 10 }
        config.http.timeout = .seconds(20)

        let daemon = try await Daemon.build(config: config, logger: Logger(label: "hostile"))
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { try? await daemon.hub?.run() }
                group.addTask { try? await daemon.pipeline.delivery.run() }
            }
        }
        await EndToEndTests.pollAll(daemon)
        #expect(try await EndToEndTests.drained(daemon))

        #expect(try daemon.store.sourceState("huge")?.lastError?.contains("larger than") == true)
        #expect(try daemon.store.sourceState("bomb")?.lastError?.contains("larger than") == true)
        #expect(try daemon.store.sourceState("good")?.errorCount == 0)

        let reader = HubReader(baseURL: daemon.hubURL!)
        let posts = try await reader.statuses(of: "news")
        let all = posts.map(\.text).joined(separator: "\n---\n")
        #expect(all.contains("Good news"))
        #expect(!all.contains("root:"))
        #expect(!all.contains("lollollol"))
        #expect(!all.contains("<script") && !all.contains("alert(1)") && !all.contains("onerror"))
        #expect(all.contains("Hello") && all.contains("world"))
        #expect(all.contains("@\u{200B}all meeting now"))
        #expect(!all.contains("@everyone") && !all.contains("@here"))
        #expect(all.contains("ops@example.com"))
        #expect(all.contains("caf\u{FFFD}(\u{FFFD}é ok"))
        #expect(all.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" })

        running.cancel()
        await running.value
        reader.shutdown()
        daemon.http.shutdown()
        await server.stop()
    }
}
