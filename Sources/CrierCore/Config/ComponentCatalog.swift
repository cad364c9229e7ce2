/// What the loader needs to know about connectors and sinks without importing them.
///
/// CrierCore cannot see CrierConnectors or CrierHub (they depend on it), so the composition
/// root hands the loader a catalog; tests use a small one of their own.
public protocol ComponentCatalog: Sendable {
    /// The source types (`[sources.x] type = …`) that connectors provide, e.g. `feed`.
    var sourceTypes: [String] { get }
    /// The sink types (`[sinks.x] type = …`), e.g. `hub`, `mastodon`.
    var sinkTypes: [String] { get }
    /// Checks a source's connector-specific keys (everything in `[sources.x]` except the common
    /// keys); unknown keys must be reported by the connector as
    /// `OptionProblem(key:, message: "unknown key")`.
    func validateSource(type: String, options: [String: ConfigValue]) -> [OptionProblem]
    /// Checks a sink's own keys (everything in `[sinks.x]` except `type`), reporting unknown
    /// keys the same way.
    func validateSink(type: String, options: [String: ConfigValue]) -> [OptionProblem]
    /// Whether groups of this sink type need a token (mastodon: yes; the embedded hub: no).
    func sinkNeedsGroupToken(type: String) -> Bool
}
