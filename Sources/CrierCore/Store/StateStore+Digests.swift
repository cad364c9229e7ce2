public import Foundation
import GRDB

/// Digest batches: rows of one route and group frozen together and delivered as one post.
extension StateStore {
    /// Pending rows of a route in a group, not yet in a batch, created no later than `until`.
    public func digestCandidates(sinkId: String, groupId: String, routeId: String, until: Date) throws -> [OutboxRecord] {
        try writer.read { db in
            try OutboxRecord
                .filter(OutboxRecord.Columns.sinkId == sinkId && OutboxRecord.Columns.groupId == groupId)
                .filter(OutboxRecord.Columns.routeId == routeId && OutboxRecord.Columns.state == OutboxState.pending.rawValue)
                .filter(OutboxRecord.Columns.digestKey == nil && OutboxRecord.Columns.createdAt <= until)
                .order(OutboxRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Freezes rows into a batch before anything is published, so that a retry after a crash
    /// publishes the same batch under the same key, never a larger one.
    public func freezeDigest(_ rows: [OutboxRecord], key: String) throws {
        try writer.write { db in
            for id in rows.compactMap(\.id) {
                try db.execute(sql: "UPDATE outbox SET digestKey = ? WHERE id = ? AND state = ? AND digestKey IS NULL",
                               arguments: [key, id, OutboxState.pending.rawValue])
            }
        }
    }

    /// The pending rows of a frozen batch, oldest first.
    public func digestBatch(key: String) throws -> [OutboxRecord] {
        try writer.read { db in
            try OutboxRecord.filter(OutboxRecord.Columns.digestKey == key && OutboxRecord.Columns.state == OutboxState.pending.rawValue)
                .order(OutboxRecord.Columns.id).fetchAll(db)
        }
    }

    /// Marks every row of a batch sent with the one post that lists them, in one transaction.
    public func markDigestSent(_ rows: [OutboxRecord], published: PublishedPost, now: Date) throws {
        try writer.write { db in
            for row in rows { try Self.recordSent(row, published: published, isThreadRoot: false, now: now, db) }
        }
    }
}
