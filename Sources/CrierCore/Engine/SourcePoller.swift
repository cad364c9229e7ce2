public import Foundation
public import Logging
import Metrics

/// Polls one source once and commits the outcome: the single place where a connector's answer
/// meets the state store.
public struct SourcePoller: Sendable {
    public var store: StateStore
    public var maxBackoff: Duration
    /// Rung after a commit that queued posts, so that delivery starts at once.
    public var onQueued: @Sendable () -> Void
    public var now: @Sendable () -> Date

    public init(store: StateStore, maxBackoff: Duration, onQueued: @escaping @Sendable () -> Void = {}, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.maxBackoff = maxBackoff
        self.onQueued = onQueued
        self.now = now
    }

    /// Polls and commits; returns when the source is due next. Never throws: a failure is recorded
    /// in the source's state (visible in `crier status`) and scheduled for a retry.
    @discardableResult
    public func poll(_ source: SourceRuntime, logger: Logger) async -> Date {
        var logger = logger
        logger[metadataKey: "source.id"] = "\(source.id)"
        let schedule = PollSchedule(source: source.config, maxBackoff: maxBackoff)
        do {
            let state = try store.sourceState(source.id)
            let request = PollRequest(
                cursor: state?.cursor,
                validators: Validators(etag: state?.etag, lastModified: state?.lastModified))
            let result = try await source.connector.poll(request, logger: logger)
            let time = now()
            let next = schedule.afterSuccess(hint: result.suggestedInterval, now: time)
            let outcome = try store.commitPoll(CommittedPoll(
                sourceId: source.id, result: result, routes: source.routes, backfill: source.config.backfill,
                nextPollAt: next, now: time))
            for warning in result.warnings { logger.debug("source warning", metadata: ["warning": "\(warning)"]) }
            Counter(label: "crier_polls_total", dimensions: [("source", source.id), ("result", result.notModified ? "not_modified" : "ok")]).increment()
            Counter(label: "crier_items_new_total", dimensions: [("source", source.id)]).increment(by: outcome.newItems)
            if outcome.queuedRows > 0 { onQueued() }
            logger.debug("polled", metadata: [
                "items.new": "\(outcome.newItems)", "items.updated": "\(outcome.updatedItems)",
                "outbox.queued": "\(outcome.queuedRows)", "baseline": "\(outcome.wasBaseline)",
            ])
            return next
        } catch {
            let classified = Self.classify(error)
            let time = now()
            let previous = (try? store.sourceState(source.id))?.errorCount ?? 0
            let next = schedule.afterFailure(errorCount: previous + 1, retryAfter: classified.retryAfter, now: time)
            Counter(label: "crier_polls_total", dimensions: [("source", source.id), ("result", "error")]).increment()
            do {
                let count = try store.recordFailure(sourceId: source.id, message: classified.message, nextPollAt: next, now: time)
                logger.warning("poll failed", metadata: [
                    "error": "\(classified.message)", "error.count": "\(count)", "retry.at": "\(next)",
                ])
            } catch {
                logger.error("could not record a poll failure", metadata: ["error": "\(error)"])
            }
            return next
        }
    }

    static func classify(_ error: any Error) -> ConnectorError {
        if let error = error as? ConnectorError { return error }
        return ConnectorError(.transient, String(describing: error))
    }
}
