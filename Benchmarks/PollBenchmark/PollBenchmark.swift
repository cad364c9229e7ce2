import CrierConnectors
import CrierCore
import CrierHTTP
import Foundation
import Logging

/// Runs the measured cycles and prints the report.
enum PollBenchmark {
    static func run(feeds: Int) async throws {
        let server = try ServerChild(feeds: feeds)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let directory = NSTemporaryDirectory() + "crier-pollbench-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var settings = DaemonSettings()
        // Every feed is on one loopback host here, unlike a real deployment; let the global cap decide.
        settings.maxPollsPerHost = settings.maxConcurrentPolls
        let http = HTTPClient(configuration: { var c = HTTPClientConfiguration(); c.maxConnectionsPerHost = settings.maxConcurrentPolls; return c }())
        defer { http.shutdown() }

        let floorCold = try await transportFloor(http: http, base: base, feeds: feeds, concurrency: settings.maxConcurrentPolls, etags: false)
        let floorSteady = try await transportFloor(http: http, base: base, feeds: feeds, concurrency: settings.maxConcurrentPolls, etags: true)

        let store = try StateStore(path: directory + "/state.db")
        let context = ComponentContext(http: http, baseDirectory: directory)
        let sources = try (0..<feeds).map { feed in
            let config = SourceConfig(id: "feed-\(feed)", type: "feed", options: ["url": .string("\(base)/feed-\(feed).xml")])
            return SourceRuntime(config: config, connector: try Catalog().makeConnector(config, context: context), routes: [])
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let scheduler = PollScheduler(
            sources: sources, poller: SourcePoller(store: store, maxBackoff: settings.maxBackoff),
            maxConcurrent: settings.maxConcurrentPolls, maxPerHost: settings.maxPollsPerHost, logger: logger)

        let cold = try await timed { try await scheduler.pollEachOnce() }
        let items = try (0..<feeds).reduce(0) { $0 + (try store.itemCounts(sourceId: "feed-\($1)").stored) }
        let steady = try await timed { try await scheduler.pollEachOnce() }
        let failing = try store.allSourceStates().filter { $0.errorCount > 0 }.count
        let peakMB = Double(peakResidentKilobytes()) / 1024

        print("""
            Poll benchmark: \(feeds) feeds × 20 items on loopback, concurrency \(settings.maxConcurrentPolls)
            items stored after the cold cycle: \(items) (expected \(feeds * 20)); sources failing: \(failing)

            | cycle  | Crier (s) | transport floor (s) | Crier / floor | target |
            |--------|-----------|---------------------|---------------|--------|
            | cold   | \(fmt(cold)) | \(fmt(floorCold)) | \(fmt(cold / floorCold)) | ≤ 3 s |
            | steady | \(fmt(steady)) | \(fmt(floorSteady)) | \(fmt(steady / floorSteady)) | ≤ 1 s |

            peak resident memory of the poller process: \(fmt(peakMB)) MB (target ≤ 150 MB)
            """)
    }

    /// The same requests through the same client with nothing else: what any poller must pay.
    static func transportFloor(http: HTTPClient, base: String, feeds: Int, concurrency: Int, etags: Bool) async throws -> Double {
        try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func add() {
                    let feed = next
                    next += 1
                    group.addTask {
                        var request = HTTPRequest(url: "\(base)/feed-\(feed).xml")
                        if etags { request.etag = "\"feed-\(feed)-v1\"" }
                        let response = try await http.send(request)
                        precondition(response.status == (etags ? 304 : 200), "unexpected HTTP \(response.status)")
                    }
                }
                for _ in 0..<min(concurrency, feeds) { add() }
                while try await group.next() != nil { if next < feeds { add() } }
            }
        }
    }

    static func timed(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func fmt(_ value: Double) -> String { String(format: "%.3f", value) }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }
}

/// The feed server child process.
final class ServerChild {
    let process = Process()
    let input = Pipe()
    let port: Int

    init(feeds: Int) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["serve", String(feeds)]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw CocoaError(.fileReadCorruptFile) }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
