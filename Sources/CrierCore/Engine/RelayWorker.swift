public import Foundation
public import Logging
import Metrics

/// Relays recorded replies back to the sources their parent posts came from.
///
/// A reply that cannot be relayed — its source takes no replies, the failure is permanent, or it
/// kept failing — gets exactly one visible "Not relayed: <reason>" notice in its thread, posted
/// with an idempotency key derived from the reply. Nothing is dropped silently.
public final class RelayWorker: Sendable {
    let store: StateStore
    /// Connectors by source id.
    let connectors: [String: any Connector]
    /// Sinks by sink id, for notices.
    let sinks: [String: any Sink]
    let logger: Logger
    let now: @Sendable () -> Date
    public let doorbell = Doorbell()
    /// Transient failures are retried this many times (about an hour with the backoff) before the notice.
    let maxAttempts: Int
    /// Called after the source accepted a reply and before that is recorded: the one moment a
    /// crash would leave a written comment unrecorded. Crash tests kill the process here.
    let afterRelayBeforeRecord: @Sendable () -> Void

    public init(
        store: StateStore, connectors: [String: any Connector], sinks: [String: any Sink], logger: Logger,
        maxAttempts: Int = 15, afterRelayBeforeRecord: @escaping @Sendable () -> Void = {}, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.afterRelayBeforeRecord = afterRelayBeforeRecord
        self.store = store
        self.connectors = connectors
        self.sinks = sinks
        self.logger = logger
        self.maxAttempts = maxAttempts
        self.now = now
    }

    public func run() async {
        while !Task.isCancelled {
            do {
                if let reply = try store.nextDueReply(now: now()) {
                    await process(reply)
                    continue
                }
                let next = try store.nextReplyAttempt()
                let wait = next.map { Swift.min(Swift.max($0.timeIntervalSince(now()), 0.01), 30) } ?? 30
                await doorbell.wait(timeout: .milliseconds(Int(wait * 1000)))
            } catch {
                logger.error("state store unavailable", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// The marker a connector writes with the reply, stable across retries and restarts.
    public static func marker(for reply: ReplyRecord) -> String {
        "crier-" + ContentHash.hex(reply.sinkId + "\u{1F}" + reply.remoteId, bytes: 8)
    }

    func process(_ reply: ReplyRecord) async {
        var logger = logger
        logger[metadataKey: "reply.id"] = "\(reply.remoteId)"
        if reply.isOwnAccount {
            try? store.markIgnored(reply, reason: "written by one of Crier's own accounts", now: now())
            return
        }
        if let reason = reply.noticeReason {
            await postNotice(reply, reason: reason, logger: logger)
            return
        }
        let bridged: (post: PostRecord, item: Item)?
        do {
            bridged = try store.bridgedPost(sinkId: reply.sinkId, remoteId: reply.parentRemoteId)
        } catch {
            try? store.deferReply(reply, until: now().addingTimeInterval(5), error: "\(error)")
            return
        }
        guard let (post, item) = bridged else {
            try? store.markIgnored(reply, reason: "not an answer to a bridged post", now: now())
            return
        }
        guard let connector = connectors[post.sourceId] else {
            await postNotice(reply, reason: "the source '\(post.sourceId)' is no longer configured", logger: logger)
            return
        }
        let request = ReplyRequest(item: item, author: reply.author, text: reply.text, url: reply.url, marker: Self.marker(for: reply))
        do {
            let receipt = try await connector.reply(request, logger: logger)
            afterRelayBeforeRecord()
            try store.markRelayed(reply, sourceId: post.sourceId, receipt: receipt, now: now())
            Counter(label: "crier_replies_relayed_total", dimensions: [("source", post.sourceId)]).increment()
            logger.info("reply relayed", metadata: ["source.id": "\(post.sourceId)", "remote.id": "\(receipt.remoteId ?? "")"])
        } catch is RepliesUnsupported {
            await postNotice(reply, reason: "the source '\(post.sourceId)' does not take replies", logger: logger, sourceId: post.sourceId)
        } catch let error as ConnectorError where error.kind == .permanent {
            await postNotice(reply, reason: error.message, logger: logger, sourceId: post.sourceId)
        } catch {
            let message = (error as? ConnectorError)?.message ?? String(describing: error)
            if reply.attempts + 1 >= maxAttempts {
                await postNotice(reply, reason: "\(post.sourceId) kept failing: \(message)", logger: logger, sourceId: post.sourceId)
                return
            }
            let retryAfter = (error as? ConnectorError)?.retryAfter?.seconds ?? 0
            let delay = Swift.max(Swift.min(pow(2, Double(reply.attempts)), 600), retryAfter)
            logger.warning("reply relay deferred", metadata: ["error": "\(message)", "retry.in": "\(delay)"])
            try? store.deferReply(reply, until: now().addingTimeInterval(PollSchedule.jittered(delay, spread: 0.2)), error: message, sourceId: post.sourceId)
        }
    }

    /// Posts "Not relayed: <reason>" under the reply, once.
    func postNotice(_ reply: ReplyRecord, reason: String, logger: Logger, sourceId: String? = nil) async {
        guard let sink = sinks[reply.sinkId] else {
            try? store.markIgnored(reply, reason: "not relayed (\(reason)); its sink is no longer configured", now: now())
            return
        }
        let text = "Not relayed: " + String(TextSanitizer.sanitize(reason, mentions: .neutralizeAll).prefix(400))
        let post = OutgoingPost(
            group: reply.groupId, text: text, inReplyTo: reply.remoteId,
            idempotencyKey: "crier-notice-" + ContentHash.hex(reply.sinkId + "\u{1F}" + reply.remoteId, bytes: 16))
        do {
            let published = try await sink.publish(post)
            try store.markNoticed(reply, reason: reason, noticeRemoteId: published.remoteId, now: now())
            Counter(label: "crier_replies_not_relayed_total", dimensions: [("sink", reply.sinkId)]).increment()
            logger.notice("reply not relayed; notice posted", metadata: ["reason": "\(reason)"])
        } catch {
            let delay = Swift.min(pow(2, Double(reply.attempts)), 600)
            try? store.deferReply(reply, until: now().addingTimeInterval(delay), error: "posting the notice: \(error)", noticeReason: reason, sourceId: sourceId)
        }
    }
}
