public import Foundation
import GRDB

/// The reply path's transactions: record replies once, relay them, and remember what was written.
extension StateStore {
    /// The stored position in a group's reply feed, `nil` before the first read.
    public func replyCursor(sinkId: String, groupId: String) throws -> String? {
        try writer.read { db in try ReplyCursorRecord.fetchOne(db, key: ["sinkId": sinkId, "groupId": groupId])?.cursor }
    }

    /// Whether the group's replies were backfilled through `/context` since `date`.
    public func replyBackfillDate(sinkId: String, groupId: String) throws -> Date? {
        try writer.read { db in try ReplyCursorRecord.fetchOne(db, key: ["sinkId": sinkId, "groupId": groupId])?.backfilledAt }
    }

    /// Records new replies (each once, by remote id) and advances the cursor, in one transaction.
    /// Returns how many were new.
    @discardableResult
    public func recordReplies(_ replies: [IncomingReply], sinkId: String, groupId: String, cursor: String?, backfilled: Date? = nil, now: Date) throws -> Int {
        try writer.write { db in
            var inserted = 0
            for reply in replies {
                var record = ReplyRecord(
                    id: nil, sinkId: sinkId, groupId: groupId, remoteId: reply.remoteId, parentRemoteId: reply.parentRemoteId,
                    authorName: reply.author.displayName, authorHandle: reply.author.handle, isOwnAccount: reply.isOwnAccount,
                    text: reply.text, url: reply.url, createdAt: reply.createdAt, recordedAt: now,
                    state: .pending, attempts: 0, nextAttemptAt: now)
                try record.insert(db, onConflict: .ignore)
                inserted += db.changesCount
            }
            var position = try ReplyCursorRecord.fetchOne(db, key: ["sinkId": sinkId, "groupId": groupId])
                ?? ReplyCursorRecord(sinkId: sinkId, groupId: groupId)
            position.cursor = cursor ?? position.cursor
            position.backfilledAt = backfilled ?? position.backfilledAt
            try position.save(db)
            return inserted
        }
    }

    /// The oldest reply due for an attempt.
    public func nextDueReply(now: Date) throws -> ReplyRecord? {
        try writer.read { db in
            try ReplyRecord
                .filter(ReplyRecord.Columns.state == ReplyState.pending.rawValue && ReplyRecord.Columns.nextAttemptAt <= now)
                .order(ReplyRecord.Columns.id)
                .fetchOne(db)
        }
    }

    /// When the next pending reply is due, if any.
    public func nextReplyAttempt() throws -> Date? {
        try writer.read { db in
            try Date.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM reply WHERE state = ?", arguments: [ReplyState.pending.rawValue])
        }
    }

    public func replies(state: ReplyState? = nil) throws -> [ReplyRecord] {
        try writer.read { db in
            var request = ReplyRecord.order(ReplyRecord.Columns.id)
            if let state { request = request.filter(ReplyRecord.Columns.state == state.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// The delivered post with this remote id, and the item it was made from.
    public func bridgedPost(sinkId: String, remoteId: String) throws -> (post: PostRecord, item: Item)? {
        try writer.read { db in
            guard let post = try PostRecord.filter(Column("sinkId") == sinkId && Column("remotePostId") == remoteId).order(Column("id")).fetchOne(db),
                  let row = try OutboxRecord.fetchOne(db, key: post.outboxId) else { return nil }
            return (post, try row.item())
        }
    }

    /// Root posts recently delivered into a group, newest first, for reply backfill.
    public func recentRootPosts(sinkId: String, groupId: String, limit: Int) throws -> [PostRecord] {
        try writer.read { db in
            try PostRecord.filter(Column("sinkId") == sinkId && Column("groupId") == groupId && Column("isThreadRoot") == true)
                .order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// Marks a reply relayed and records the echo keys of what was written, in one transaction,
    /// so the next poll of the source cannot post Crier's own comment back.
    public func markRelayed(_ reply: ReplyRecord, sourceId: String, receipt: ReplyReceipt, now: Date) throws {
        try writer.write { db in
            guard var current = try ReplyRecord.fetchOne(db, key: reply.id), current.state == .pending else { return }
            for key in receipt.echoKeys {
                try EchoRecord(sourceId: sourceId, key: key, createdAt: now).insert(db, onConflict: .ignore)
            }
            current.state = .relayed
            current.sourceId = sourceId
            current.relayedRemoteId = receipt.remoteId
            current.attempts += 1
            current.lastError = nil
            current.finishedAt = now
            try current.update(db)
        }
    }

    /// Keeps a reply pending for a later attempt; `noticeReason` switches it to the notice path.
    public func deferReply(_ reply: ReplyRecord, until: Date, error: String, noticeReason: String? = nil, sourceId: String? = nil) throws {
        try writer.write { db in
            guard var current = try ReplyRecord.fetchOne(db, key: reply.id), current.state == .pending else { return }
            current.attempts += 1
            current.nextAttemptAt = until
            current.lastError = error
            current.noticeReason = noticeReason ?? current.noticeReason
            current.sourceId = sourceId ?? current.sourceId
            try current.update(db)
        }
    }

    /// Records that the "Not relayed" notice was posted.
    public func markNoticed(_ reply: ReplyRecord, reason: String, noticeRemoteId: String, now: Date) throws {
        try writer.write { db in
            guard var current = try ReplyRecord.fetchOne(db, key: reply.id), current.state == .pending else { return }
            current.state = .noticed
            current.noticeReason = reason
            current.noticeRemoteId = noticeRemoteId
            current.finishedAt = now
            try current.update(db)
        }
    }

    public func markIgnored(_ reply: ReplyRecord, reason: String, now: Date) throws {
        try writer.write { db in
            guard var current = try ReplyRecord.fetchOne(db, key: reply.id), current.state == .pending else { return }
            current.state = .ignored
            current.lastError = reason
            current.finishedAt = now
            try current.update(db)
        }
    }

    /// Whether Crier wrote what an item records (one of its echo keys).
    public func isEcho(sourceId: String, keys: [String]) throws -> Bool {
        guard !keys.isEmpty else { return false }
        return try writer.read { db in
            try EchoRecord.filter(Column("sourceId") == sourceId && keys.contains(Column("key"))).fetchCount(db) > 0
        }
    }
}
