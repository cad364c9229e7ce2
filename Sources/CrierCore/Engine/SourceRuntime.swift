public import Foundation

/// A configured source ready to poll: its connector, its routes and its schedule settings.
public struct SourceRuntime: Sendable {
    public var config: SourceConfig
    public var connector: any Connector
    public var routes: [RoutePlan]

    public init(config: SourceConfig, connector: any Connector, routes: [RoutePlan]) {
        self.config = config
        self.connector = connector
        self.routes = routes
    }

    public var id: String { config.id }
}

/// Computes when a source is polled next: after success from its interval and the server's hints,
/// after failure from an exponential backoff with jitter.
public struct PollSchedule: Sendable {
    public var interval: Duration
    public var minInterval: Duration
    public var maxInterval: Duration
    public var maxBackoff: Duration
    /// The first retry waits this long; each further failure doubles it.
    public var backoffBase: Duration = .seconds(30)

    public init(source: SourceConfig, maxBackoff: Duration) {
        interval = source.interval
        minInterval = source.minInterval
        maxInterval = source.maxInterval
        self.maxBackoff = maxBackoff
    }

    /// The largest of the interval and the server's hint, within [min, max], with ±10 % jitter so
    /// that sources configured alike do not all fire at the same second.
    public func afterSuccess(hint: Duration?, now: Date) -> Date {
        var wait = Swift.max(interval, hint ?? .zero)
        wait = Swift.min(Swift.max(wait, minInterval), Swift.max(maxInterval, minInterval))
        return now.addingTimeInterval(Self.jittered(wait.seconds, spread: 0.1))
    }

    /// Exponential backoff with jitter, capped; a `Retry-After` is honoured when it asks for longer.
    public func afterFailure(errorCount: Int, retryAfter: Duration?, now: Date) -> Date {
        let exponent = Swift.min(Swift.max(errorCount - 1, 0), 30)
        var wait = Swift.min(backoffBase.seconds * pow(2, Double(exponent)), maxBackoff.seconds)
        wait = Self.jittered(wait, spread: 0.2)
        if let retryAfter { wait = Swift.max(wait, Swift.min(retryAfter.seconds, maxBackoff.seconds)) }
        return now.addingTimeInterval(wait)
    }

    static func jittered(_ seconds: Double, spread: Double) -> Double {
        seconds * (1 + Double.random(in: -spread...spread))
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
