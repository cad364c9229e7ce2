public import Foundation
public import Logging

/// Reads one group's replies from its sink and records each once, with the persisted cursor.
///
/// After a start (a reconnect) and after a failed read (a gap), it also backfills through the
/// direct replies of the group's recent posts, for replies the notification feed no longer shows.
public final class ReplyWatcher: Sendable {
    public let sinkId: String
    public let groupId: String
    let source: any ReplySource
    let store: StateStore
    let interval: Duration
    let logger: Logger
    let onRecorded: @Sendable () -> Void
    let now: @Sendable () -> Date
    /// Rung to read at once instead of waiting for the interval.
    public let doorbell = Doorbell()
    /// How many recent root posts a backfill looks at.
    let backfillPosts = 50

    public init(
        sinkId: String, groupId: String, source: any ReplySource, store: StateStore, interval: Duration, logger: Logger,
        onRecorded: @escaping @Sendable () -> Void, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sinkId = sinkId
        self.groupId = groupId
        self.source = source
        self.store = store
        self.interval = interval
        var logger = logger
        logger[metadataKey: "sink.id"] = "\(sinkId)"
        logger[metadataKey: "sink.group"] = "\(groupId)"
        self.logger = logger
        self.onRecorded = onRecorded
        self.now = now
    }

    public func run() async {
        var needsBackfill = true
        while !Task.isCancelled {
            do {
                try await readNew()
                if needsBackfill {
                    try await backfill()
                    needsBackfill = false
                }
            } catch {
                needsBackfill = true
                logger.warning("reading replies failed", metadata: ["error": "\(error)"])
            }
            await doorbell.wait(timeout: interval)
        }
    }

    /// Reads every page newer than the cursor; each page is recorded with its cursor in one transaction.
    public func readNew() async throws {
        var cursor = try store.replyCursor(sinkId: sinkId, groupId: groupId)
        while !Task.isCancelled {
            let (replies, next) = try await source.replies(group: groupId, after: cursor)
            guard !replies.isEmpty || (next != nil && next != cursor) else { return }
            let fresh = try store.recordReplies(replies, sinkId: sinkId, groupId: groupId, cursor: next, now: now())
            if fresh > 0 {
                logger.debug("replies recorded", metadata: ["count": "\(fresh)"])
                onRecorded()
            }
            if replies.isEmpty || next == cursor { return }
            cursor = next
        }
    }

    /// Direct replies to the group's recent posts, recorded once like any other.
    public func backfill() async throws {
        var found: [IncomingReply] = []
        for post in try store.recentRootPosts(sinkId: sinkId, groupId: groupId, limit: backfillPosts) {
            found += try await source.directReplies(group: groupId, to: post.remotePostId)
        }
        let fresh = try store.recordReplies(found, sinkId: sinkId, groupId: groupId, cursor: nil, backfilled: now(), now: now())
        if fresh > 0 {
            logger.info("replies backfilled", metadata: ["count": "\(fresh)"])
            onRecorded()
        }
    }
}
