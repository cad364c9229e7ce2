public import Foundation
public import Logging
import Metrics

/// Delivers the ordered queue of one (sink, group): render, publish with the row's idempotency key,
/// and mark the row sent only after the sink confirmed it.
///
/// A transient failure keeps the row at the head of the queue (order is kept); a permanent one
/// turns it into a dead letter with its reason, and the queue moves on.
public final class DeliveryWorker: Sendable {
    public let sinkId: String
    public let groupId: String
    let sink: any Sink
    let store: StateStore
    /// Renderers by route id; rows of a route that no longer exists use `fallback`.
    let renderers: [String: PostRenderer]
    let fallback: PostRenderer
    let logger: Logger
    let now: @Sendable () -> Date
    public let doorbell = Doorbell()
    /// The longest wait between attempts of one row.
    let maxRetryDelay: Duration
    /// Digest settings by route id, for routes that bundle bursts.
    let digests: [String: DigestPolicy]

    public init(
        sinkId: String, groupId: String, sink: any Sink, store: StateStore, renderers: [String: PostRenderer],
        fallback: PostRenderer, logger: Logger, maxRetryDelay: Duration = .seconds(300), digests: [String: DigestPolicy] = [:],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.digests = digests
        self.sinkId = sinkId
        self.groupId = groupId
        self.sink = sink
        self.store = store
        self.renderers = renderers
        self.fallback = fallback
        var logger = logger
        logger[metadataKey: "sink.id"] = "\(sinkId)"
        logger[metadataKey: "sink.group"] = "\(groupId)"
        self.logger = logger
        self.maxRetryDelay = maxRetryDelay
        self.now = now
    }

    public func run() async {
        while !Task.isCancelled {
            do {
                guard let row = try store.nextPending(sinkId: sinkId, groupId: groupId) else {
                    await doorbell.wait(timeout: .seconds(30))
                    continue
                }
                var wait = row.nextAttemptAt.timeIntervalSince(now())
                if let policy = digests[row.routeId], row.digestKey == nil {
                    // A digest waits for its window to close, so the burst can gather.
                    wait = Swift.max(wait, row.createdAt.addingTimeInterval(policy.window.seconds).timeIntervalSince(now()))
                }
                if wait > 0 {
                    await doorbell.wait(timeout: .milliseconds(Int(wait * 1000) + 1))
                    continue
                }
                await deliver(row)
            } catch {
                logger.error("state store unavailable", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Delivers one row (or the digest batch it heads); returns after it was marked sent, deferred or dead.
    func deliver(_ row: OutboxRecord) async {
        if let policy = digests[row.routeId] {
            do {
                if let batch = try digestBatch(for: row, policy: policy) {
                    await deliverDigest(batch, head: row, policy: policy)
                    return
                }
            } catch {
                logger.error("state store unavailable", metadata: ["error": "\(error)"])
                return
            }
        }
        let item: Item
        do {
            item = try row.item()
        } catch {
            // Retrying cannot repair a row that does not decode; it must not block its queue.
            try? store.markDead(row, reason: "unreadable outbox row: \(error)", now: now())
            return
        }
        do {
            let limits = try await sink.limits(group: groupId)
            let text = (renderers[row.routeId] ?? fallback).render(item, sourceId: row.sourceId, limits: limits)
            let root = try store.threadRoot(sinkId: sinkId, groupId: groupId, sourceId: row.sourceId, threadKey: row.threadKey)
            var post = OutgoingPost(group: groupId, text: text, idempotencyKey: row.idempotencyKey)
            let published: PublishedPost
            switch (row.action, root) {
            case (.reply, let root?):
                post.inReplyTo = root.remotePostId
                published = try await sink.publish(post)
            case (.edit, let root?):
                published = try await sink.edit(remoteId: root.remotePostId, post: post)
            default:
                // A new post, or an update whose thread has no delivered root: it becomes the root.
                published = try await sink.publish(post)
            }
            try store.markSent(row, published: published, isThreadRoot: root == nil, now: now())
            Counter(label: "crier_posts_delivered_total", dimensions: [("sink", sinkId), ("action", row.action.rawValue)]).increment()
            logger.debug("delivered", metadata: ["item.key": "\(row.itemKey)", "post.id": "\(published.remoteId)"])
        } catch let error as SinkError where error.kind == .permanent {
            Counter(label: "crier_delivery_failures_total", dimensions: [("sink", sinkId), ("kind", "permanent")]).increment()
            logger.error("dead letter", metadata: ["item.key": "\(row.itemKey)", "reason": "\(error.message)"])
            try? store.markDead(row, reason: error.message, now: now())
        } catch {
            let sinkError = error as? SinkError
            let delay = retryDelay(attempt: row.attempts + 1, retryAfter: sinkError?.retryAfter)
            Counter(label: "crier_delivery_failures_total", dimensions: [("sink", sinkId), ("kind", "transient")]).increment()
            logger.warning("delivery deferred", metadata: [
                "item.key": "\(row.itemKey)", "error": "\(sinkError?.message ?? String(describing: error))", "retry.in": "\(delay)",
            ])
            try? store.markDeferred(row, until: now().addingTimeInterval(delay), error: sinkError?.message ?? String(describing: error))
        }
    }

    /// The frozen batch this row belongs to, freezing one if its window is closed and the burst is
    /// big enough; `nil` when the row goes out on its own.
    func digestBatch(for row: OutboxRecord, policy: DigestPolicy) throws -> [OutboxRecord]? {
        if let key = row.digestKey { return try store.digestBatch(key: key) }
        let closes = row.createdAt.addingTimeInterval(policy.window.seconds)
        let candidates = try store.digestCandidates(sinkId: sinkId, groupId: groupId, routeId: row.routeId, until: closes)
        guard candidates.count >= policy.minimum else { return nil }
        let key = "digest-" + row.idempotencyKey
        try store.freezeDigest(candidates, key: key)
        return try store.digestBatch(key: key)
    }

    func deliverDigest(_ batch: [OutboxRecord], head: OutboxRecord, policy: DigestPolicy) async {
        do {
            let items = try batch.map { try $0.item() }
            let limits = try await sink.limits(group: groupId)
            let text = DigestRenderer(mentions: policy.mentions).render(items, sourceIds: batch.map(\.sourceId), limits: limits)
            let published = try await sink.publish(OutgoingPost(group: groupId, text: text, idempotencyKey: head.digestKey ?? "digest-" + head.idempotencyKey))
            try store.markDigestSent(batch, published: published, now: now())
            Counter(label: "crier_posts_delivered_total", dimensions: [("sink", sinkId), ("action", "digest")]).increment()
            logger.debug("digest delivered", metadata: ["items": "\(batch.count)", "post.id": "\(published.remoteId)"])
        } catch let error as SinkError where error.kind == .permanent {
            for row in batch { try? store.markDead(row, reason: error.message, now: now()) }
        } catch {
            let delay = retryDelay(attempt: head.attempts + 1, retryAfter: (error as? SinkError)?.retryAfter)
            try? store.markDeferred(head, until: now().addingTimeInterval(delay), error: "\(error)")
        }
    }

    /// 1 s, 2 s, 4 s … up to the cap, with jitter; a server's `Retry-After` wins when longer.
    func retryDelay(attempt: Int, retryAfter: Duration?) -> TimeInterval {
        let base = Swift.min(pow(2, Double(Swift.min(attempt - 1, 20))), maxRetryDelay.seconds)
        let jittered = PollSchedule.jittered(base, spread: 0.2)
        return Swift.max(jittered, retryAfter?.seconds ?? 0)
    }
}
