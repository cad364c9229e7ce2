public import CrierHTTP

/// Shared things a connector or sink may use; handed over by the composition root.
public struct ComponentContext: Sendable {
    public var http: HTTPClient
    /// Directory of the config file; relative paths in source options resolve against it.
    public var baseDirectory: String
    /// The embedded hub, when it runs in this process.
    public var hub: HubEndpoint?

    public init(http: HTTPClient, baseDirectory: String, hub: HubEndpoint? = nil) {
        self.http = http
        self.baseDirectory = baseDirectory
        self.hub = hub
    }
}

/// Where the embedded hub listens, and the bearer token of each hub group (by group id).
public struct HubEndpoint: Sendable {
    public var baseURL: String
    public var tokens: [String: String]
    public init(baseURL: String, tokens: [String: String]) {
        self.baseURL = baseURL
        self.tokens = tokens
    }
}

/// Builds connectors and sinks from configuration. Implemented by `CrierConnectors.Catalog`, the
/// one list that maps a config `type` to its code; the core never imports a connector.
public protocol ComponentFactory: ComponentCatalog {
    func makeConnector(_ source: SourceConfig, context: ComponentContext) throws -> any Connector
    /// `groups` are the configured groups of this sink.
    func makeSink(_ sink: SinkConfig, groups: [GroupConfig], context: ComponentContext) throws -> any Sink
}
