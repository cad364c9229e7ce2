import ArgumentParser
import CrierConnectors
import CrierCore
import CrierHTTP
import Foundation
import Logging

/// `crier preview SOURCE`: fetch, parse and render one source, publishing nothing.
///
/// The poll runs through the daemon's own ingest against the state database inside a transaction
/// that is rolled back, so the verdicts are exactly what the daemon would do next.
struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a source would post now, and why anything else would be skipped.")

    @OptionGroup var options: ConfigOption

    @Argument(help: "The source id, as in [sources.ID].")
    var source: String

    func run() async throws {
        let config = try loadConfigOrExit(options.config)
        guard let sourceConfig = config.sources[source] else {
            printError("no source named '\(source)'; configured: \(config.sources.keys.sorted().joined(separator: ", "))")
            throw ExitCode(2)
        }
        let http = HTTPClient(configuration: .init(config.http))
        defer { http.shutdown() }
        let context = ComponentContext(http: http, baseDirectory: config.baseDirectory)
        let connector = try Catalog().makeConnector(sourceConfig, context: context)
        let plans = try RoutePlan.plans(for: config).filter { config.routes[$0.id]!.sources.contains(source) }
            .map { $0.applying(defaultsOf: connector, route: config.routes[$0.id]) }

        let result: PollResult
        do {
            result = try await connector.poll(PollRequest(cursor: nil, validators: .init()), logger: Logger(label: "crier.preview"))
        } catch {
            printError("\(source): poll failed: \(error)")
            throw ExitCode(1)
        }
        let store = try openStateForReading(config)
        let cursor = try store.sourceState(source)?.cursor
        var poll = CommittedPoll(sourceId: source, result: result, routes: plans, backfill: sourceConfig.backfill, nextPollAt: Date(), now: Date())
        poll.result.cursor = poll.result.cursor ?? cursor
        let outcome = try store.previewPoll(poll)

        print("\(source): \(result.items.count) items\(outcome.wasBaseline ? " (first poll: baseline, backfill = \(sourceConfig.backfill))" : "")")
        for warning in result.warnings { print("  warning: \(warning)") }
        let items = Dictionary(result.items.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for decision in outcome.decisions {
            print("- \(decision.title.isEmpty ? decision.itemKey : decision.title)")
            switch decision.outcome {
            case .queued(let action, let targets):
                for target in targets {
                    let route = plans.first { $0.targets.contains(target) }
                    let routeConfig = route.flatMap { config.routes[$0.id] }
                    let renderer = try PostRenderer(template: routeConfig?.template ?? connector.defaultTemplate, mentions: routeConfig?.mentions ?? .neutralizeAll)
                    let text = items[decision.itemKey].map { renderer.render($0, sourceId: source, limits: limits(for: target.sinkId, config: config)) } ?? ""
                    print("  WOULD \(action.rawValue.uppercased()) to \(target.sinkId)/\(target.groupId):")
                    print(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    | " + $0 }.joined(separator: "\n"))
                }
            case .baseline: print("  skip: first poll records a baseline (set backfill = N to post the newest N)")
            case .unchanged: print("  skip: already seen, unchanged")
            case .updateIgnored: print("  skip: changed, but the route's updates = \"ignore\"")
            case .filtered(let reasons): print("  skip: " + reasons.joined(separator: "; "))
            case .unrouted: print("  skip: no route takes items from \(source)")
            case .echo: print("  skip: Crier wrote this itself (a relayed reply)")
            }
        }
    }

    /// The limits a sink would report, without asking it: previews work with the sink offline.
    func limits(for sinkId: String, config: CrierConfig) -> PostLimits {
        let sink = config.sinks[sinkId]
        let configured = sink?.options["max_characters"]?.intValue
        return PostLimits(maxCharacters: configured ?? (sink?.type == "hub" ? config.hub.maxCharacters : 500), charactersPerURL: 23)
    }
}
