@testable import CrierConnectors
import CrierCore
import CrierHTTP
import Foundation
import Logging

/// One HTTP client for the whole test target, as the daemon shares one per process.
let sharedHTTP = HTTPClient()

/// A logger that keeps test output quiet.
let quietLogger: Logger = {
    var logger = Logger(label: "crier.test.connectors")
    logger.logLevel = .critical
    return logger
}()

/// Builds feed connectors the way the daemon does: through the Catalog, from config options.
enum FeedHarness {
    static func connector(
        _ url: String, allowFile: Bool? = nil, baseDirectory: String = NSTemporaryDirectory()
    ) throws -> any Connector {
        var options: [String: ConfigValue] = ["url": .string(url)]
        if let allowFile { options["allow_file"] = .bool(allowFile) }
        return try Catalog().makeConnector(
            SourceConfig(id: "feed", type: "feed", options: options),
            context: ComponentContext(http: sharedHTTP, baseDirectory: baseDirectory))
    }

    static func poll(_ connector: any Connector, validators: Validators = .init()) async throws -> PollResult {
        try await connector.poll(PollRequest(cursor: nil, validators: validators), logger: quietLogger)
    }

    /// Commits a poll of source `feed` into `store`, routed to (`hub`, `news`).
    @discardableResult
    static func commit(_ result: PollResult, to store: StateStore) throws -> IngestOutcome {
        let route = RoutePlan(id: "r", targets: [.init(sinkId: "hub", groupId: "news")], updates: .edit, filters: [])
        return try store.commitPoll(CommittedPoll(sourceId: "feed", result: result, routes: [route], backfill: 0, nextPollAt: Date(), now: Date()))
    }
}

/// Builds sinks the way the daemon does: through the Catalog.
enum SinkHarness {
    /// The `hub` sink type, publishing into `hub`'s group.
    static func hubSink(_ hub: TestHub, maxCharacters: Int? = nil) throws -> any Sink {
        var options: [String: ConfigValue] = [:]
        if let maxCharacters { options["max_characters"] = .integer(maxCharacters) }
        return try Catalog().makeSink(
            SinkConfig(id: "hub", type: "hub", options: options), groups: [GroupConfig(id: hub.group, sink: "hub")],
            context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory(), hub: hub.endpoint))
    }

    /// The `mastodon` sink type, pointed at `url` with token `token` for group `news`.
    static func mastodonSink(_ url: String, token: String = "fixture-token") throws -> any Sink {
        try Catalog().makeSink(
            SinkConfig(id: "masto", type: "mastodon", options: ["url": .string(url)]),
            groups: [GroupConfig(id: "news", sink: "masto", token: Secret(value: token, origin: "test"))],
            context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
    }
}

/// The value of `name` in an `application/x-www-form-urlencoded` body.
func formValue(_ body: [UInt8], _ name: String) -> String? {
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == name else { continue }
        return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
    return nil
}
