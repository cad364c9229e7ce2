public import CrierCore
import Foundation

/// The one list that maps a config `type` to its code. A new connector is one folder and one line
/// in each table below.
public struct Catalog: ComponentFactory {
    public init() {}

    public var sourceTypes: [String] { ["feed", "mediawiki", "confluence", "dokuwiki"] }
    public var sinkTypes: [String] { ["hub", "mastodon"] }

    public func validateSource(type: String, options: [String: ConfigValue]) -> [OptionProblem] {
        switch type {
        case "feed": FeedOptions.problems(in: options)
        case "confluence": ConfluenceOptions.problems(in: options)
        case "dokuwiki": DokuWikiOptions.problems(in: options)
        case "mediawiki": MediaWikiOptions.problems(in: options)
        default: [OptionProblem(key: "type", message: "unknown source type '\(type)'")]
        }
    }

    public func validateSink(type: String, options: [String: ConfigValue]) -> [OptionProblem] {
        switch type {
        case "hub", "mastodon": MastodonSinkOptions.problems(type: type, options: options)
        default: [OptionProblem(key: "type", message: "unknown sink type '\(type)'")]
        }
    }

    public func sinkNeedsGroupToken(type: String) -> Bool { type == "mastodon" }

    public func makeConnector(_ source: SourceConfig, context: ComponentContext) throws -> any Connector {
        switch source.type {
        case "feed": FeedConnector(options: FeedOptions(options: source.options, baseDirectory: context.baseDirectory), http: context.http)
        case "confluence": ConfluenceConnector(options: ConfluenceOptions(options: source.options), http: context.http)
        case "dokuwiki": DokuWikiConnector(options: DokuWikiOptions(options: source.options), http: context.http)
        case "mediawiki": MediaWikiConnector(options: MediaWikiOptions(options: source.options), http: context.http)
        default: throw ConfigError(problems: [ConfigProblem(file: "", line: source.line, keyPath: "sources.\(source.id).type", message: "unknown source type '\(source.type)'")])
        }
    }

    public func makeSink(_ sink: SinkConfig, groups: [GroupConfig], context: ComponentContext) throws -> any Sink {
        let maxCharacters = sink.options["max_characters"]?.intValue
        switch sink.type {
        case "hub":
            guard let hub = context.hub else {
                throw ConfigError(problems: [ConfigProblem(file: "", line: sink.line, keyPath: "sinks.\(sink.id)", message: "the embedded hub is disabled ([hub] enabled = false)")])
            }
            return MastodonSink(baseURL: hub.baseURL, tokens: hub.tokens, http: context.http, maxCharacters: maxCharacters, ownAccounts: Set(groups.map(\.account)))
        case "mastodon":
            let tokens = Dictionary(groups.compactMap { g in g.token.map { (g.id, $0.value) } }, uniquingKeysWith: { a, _ in a })
            return MastodonSink(
                baseURL: sink.options["url"]?.stringValue ?? "", tokens: tokens, http: context.http, maxCharacters: maxCharacters,
                ownAccounts: Set(groups.map(\.account)))
        default:
            throw ConfigError(problems: [ConfigProblem(file: "", line: sink.line, keyPath: "sinks.\(sink.id).type", message: "unknown sink type '\(sink.type)'")])
        }
    }
}
