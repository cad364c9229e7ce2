public import Foundation
import GRDB

/// The daemon's durable state: one SQLite database in WAL mode, opened once per process.
///
/// Every method is one transaction that keeps an invariant of ARCHITECTURE.md; nothing that
/// matters lives only in memory. Connectors never see this type.
public final class StateStore: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the state database at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL already makes commits cheap; NORMAL keeps them durable across process crashes.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabasePool(path: path, configuration: configuration)
        try StateMigrations.migrator.migrate(writer)
    }

    /// An in-memory store, for previews and tests.
    public init() throws {
        writer = try DatabaseQueue()
        try StateMigrations.migrator.migrate(writer)
    }

    // MARK: Sources

    public func sourceState(_ sourceId: String) throws -> SourceStateRecord? {
        try writer.read { db in try SourceStateRecord.fetchOne(db, key: sourceId) }
    }

    public func allSourceStates() throws -> [SourceStateRecord] {
        try writer.read { db in try SourceStateRecord.order(SourceStateRecord.Columns.sourceId).fetchAll(db) }
    }

    /// Commits one successful poll: new and changed items, their outbox rows, tombstones, the
    /// cursor and validators, in one transaction. A poll that does not commit is simply repeated.
    public func commitPoll(_ poll: CommittedPoll) throws -> IngestOutcome {
        try writer.write { db in try IngestTransaction(poll: poll).run(db) }
    }

    /// Runs the same ingest as `commitPoll` and rolls it back: what a poll would do, changing nothing.
    public func previewPoll(_ poll: CommittedPoll) throws -> IngestOutcome {
        try writer.writeWithoutTransaction { db in
            var outcome = IngestOutcome()
            try db.inTransaction {
                outcome = try IngestTransaction(poll: poll).run(db)
                return .rollback
            }
            return outcome
        }
    }

    /// Records a failed poll; the error stays visible in `crier status` until a poll succeeds.
    public func recordFailure(sourceId: String, message: String, nextPollAt: Date, now: Date) throws -> Int {
        try writer.write { db in
            var state = try SourceStateRecord.fetchOne(db, key: sourceId) ?? SourceStateRecord(sourceId: sourceId)
            state.errorCount += 1
            state.lastError = message
            state.lastErrorAt = now
            state.nextPollAt = nextPollAt
            try state.save(db)
            return state.errorCount
        }
    }

    // MARK: Items

    /// Whether this source has seen `key` (including departed items).
    public func hasSeen(sourceId: String, key: String) throws -> Bool {
        try writer.read { db in
            try ItemRecord.filter(ItemRecord.Columns.sourceId == sourceId && ItemRecord.Columns.key == key).fetchCount(db) > 0
        }
    }

    /// How many items of this source are stored, and how many of them departed (tombstones).
    public func itemCounts(sourceId: String) throws -> (stored: Int, departed: Int) {
        try writer.read { db in
            let base = ItemRecord.filter(ItemRecord.Columns.sourceId == sourceId)
            return (try base.fetchCount(db), try base.filter(ItemRecord.Columns.departedAt != nil).fetchCount(db))
        }
    }

    // MARK: Delivery

    /// The head of the ordered queue of one (sink, group): its oldest pending row.
    public func nextPending(sinkId: String, groupId: String) throws -> OutboxRecord? {
        try writer.read { db in
            try OutboxRecord
                .filter(OutboxRecord.Columns.sinkId == sinkId && OutboxRecord.Columns.groupId == groupId)
                .filter(OutboxRecord.Columns.state == OutboxState.pending.rawValue)
                .order(OutboxRecord.Columns.id)
                .fetchOne(db)
        }
    }

    /// The first post of a thread in a group, if it was delivered.
    public func threadRoot(sinkId: String, groupId: String, sourceId: String, threadKey: String) throws -> PostRecord? {
        try writer.read { db in
            try PostRecord
                .filter(PostRecord.Columns.sinkId == sinkId && PostRecord.Columns.groupId == groupId)
                .filter(PostRecord.Columns.sourceId == sourceId && PostRecord.Columns.threadKey == threadKey)
                .filter(PostRecord.Columns.isThreadRoot == true)
                .fetchOne(db)
        }
    }

    /// Marks a row sent and records the post ↔ item mapping, only after the sink confirmed it.
    public func markSent(_ row: OutboxRecord, published: PublishedPost, isThreadRoot: Bool, now: Date) throws {
        try writer.write { db in try Self.recordSent(row, published: published, isThreadRoot: isThreadRoot, now: now, db) }
    }

    /// The sent transition of one row, inside the caller's transaction; a row that is no longer
    /// pending (already recorded by an earlier attempt) is left as it is.
    static func recordSent(_ row: OutboxRecord, published: PublishedPost, isThreadRoot: Bool, now: Date, _ db: Database) throws {
        guard var current = try OutboxRecord.fetchOne(db, key: row.id), current.state == .pending else { return }
        current.state = .sent
        current.remotePostId = published.remoteId
        current.finishedAt = now
        current.attempts += 1
        current.lastError = nil
        try current.update(db)
        var post = PostRecord(
            id: nil, outboxId: current.id!, sinkId: row.sinkId, groupId: row.groupId, sourceId: row.sourceId,
            threadKey: row.threadKey, itemKey: row.itemKey, revision: row.revision,
            remotePostId: published.remoteId, url: published.url, isThreadRoot: isThreadRoot, createdAt: now)
        try post.insert(db)
    }

    /// Keeps a row at the head of its queue for a later attempt.
    public func markDeferred(_ row: OutboxRecord, until: Date, error: String) throws {
        try writer.write { db in
            guard var current = try OutboxRecord.fetchOne(db, key: row.id), current.state == .pending else { return }
            current.attempts += 1
            current.nextAttemptAt = until
            current.lastError = error
            try current.update(db)
        }
    }

    /// Turns a row into a dead letter with its reason; the queue moves on.
    public func markDead(_ row: OutboxRecord, reason: String, now: Date) throws {
        try writer.write { db in
            guard var current = try OutboxRecord.fetchOne(db, key: row.id), current.state == .pending else { return }
            current.attempts += 1
            current.state = .dead
            current.lastError = reason
            current.finishedAt = now
            try current.update(db)
        }
    }

    /// Puts dead letters back in their queues (`crier retry`); returns how many.
    public func retryDeadLetters(ids: [Int64]?, now: Date) throws -> Int {
        try writer.write { db in
            var request = OutboxRecord.filter(OutboxRecord.Columns.state == OutboxState.dead.rawValue)
            if let ids { request = request.filter(ids.contains(OutboxRecord.Columns.id)) }
            var count = 0
            for var row in try request.fetchAll(db) {
                row.state = .pending
                row.nextAttemptAt = now
                row.finishedAt = nil
                try row.update(db)
                count += 1
            }
            return count
        }
    }

    // MARK: Status

    /// Outbox rows counted by (sink, group, state).
    public func outboxCounts() throws -> [OutboxCount] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT sinkId, groupId, state, COUNT(*) AS n FROM outbox GROUP BY sinkId, groupId, state ORDER BY sinkId, groupId
                """)
            return rows.map { OutboxCount(sinkId: $0["sinkId"], groupId: $0["groupId"], state: OutboxState(rawValue: $0["state"]) ?? .pending, count: $0["n"]) }
        }
    }

    /// Rows of one state, oldest first (dead letters for `crier status`, pending rows for previews).
    public func outboxRows(state: OutboxState, limit: Int = 50) throws -> [OutboxRecord] {
        try writer.read { db in
            try OutboxRecord.filter(OutboxRecord.Columns.state == state.rawValue).order(OutboxRecord.Columns.id).limit(limit).fetchAll(db)
        }
    }

    /// Every delivered post, oldest first.
    public func posts() throws -> [PostRecord] {
        try writer.read { db in try PostRecord.order(Column("id")).fetchAll(db) }
    }
}

/// One line of the outbox summary.
public struct OutboxCount: Sendable, Equatable {
    public var sinkId: String
    public var groupId: String
    public var state: OutboxState
    public var count: Int
}
