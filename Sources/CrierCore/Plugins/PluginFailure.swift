/// Whether retrying can help.
public enum FailureKind: Sendable, Equatable {
    case transient
    case permanent
}

/// Which side of the engine a failure comes from; it only keeps `ConnectorError` and `SinkError`
/// apart as types, so that a sink's failure is never handled as a source's.
public protocol PluginSide: Sendable {}

/// The source side: connectors.
public enum SourceSide: PluginSide {}

/// The target side: sinks.
public enum SinkSide: PluginSide {}

/// A failure of a connector or a sink, classified once where it happens, with the server's
/// `Retry-After` when it sent one.
public struct PluginFailure<Side: PluginSide>: Error, Sendable, CustomStringConvertible {
    public typealias Kind = FailureKind

    public var kind: Kind
    public var message: String
    public var retryAfter: Duration?

    public init(_ kind: Kind, _ message: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}
