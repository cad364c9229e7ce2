import Foundation
import GRDB

/// Why a status write was refused (the API maps these to HTTP statuses).
enum StatusWriteError: Error, Equatable {
    /// The status (or the one replied to) does not exist or cannot be seen by the writer: 404.
    case statusNotFound
    /// The status belongs to someone else: 403.
    case notAuthor
}

/// What to post; the text has already been validated (see ``StatusText``).
struct NewStatus: Sendable {
    var accountId: Int64
    var text: String
    var inReplyToId: Int64?
    var visibility: Visibility = .public
    var idempotencyKey: String?
    /// The group a top-level post is made in (a person posting from a group's page); ignored for
    /// replies, which take their parent's group, and for a group's own posts, which are its own.
    var groupId: Int64? = nil
}

extension HubStore {
    /// Creates a status in one transaction, or returns the status created earlier with the same
    /// idempotency key (`created == false`).
    ///
    /// The same transaction bumps the author's post count and the parent's reply count, and, when
    /// the parent's author is a group other than the writer, adds a `mention` notification for that
    /// group. Idempotency is race-safe: the writer is serial, and the unique index on
    /// `(accountId, idempotencyKey)` is the backstop when another process shares the file.
    func createStatus(_ new: NewStatus) async throws -> (status: StatusRecord, created: Bool) {
        do {
            let result = try await pool.write { db in try Self.insertStatus(new, db) }
            if result.created, let author = try await accountRecord(id: result.status.accountId) {
                events.publish(StatusEvent(kind: .created, status: result.status, author: author))
            }
            return result
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            guard let key = new.idempotencyKey,
                let existing = try await pool.read({ db in
                    try StatusRecord.all().filter(accountId: new.accountId, idempotencyKey: key).fetchOne(db)
                })
            else { throw error }
            return (existing, false)
        }
    }

    static func insertStatus(_ new: NewStatus, _ db: Database) throws -> (status: StatusRecord, created: Bool) {
        if let key = new.idempotencyKey,
            let existing = try StatusRecord.all().filter(accountId: new.accountId, idempotencyKey: key).fetchOne(db)
        {
            return (existing, false)
        }
        var parent: StatusRecord?
        if let parentId = new.inReplyToId {
            parent = try StatusRecord.all().visible(to: new.accountId).filter(key: parentId).fetchOne(db)
            guard parent != nil else { throw StatusWriteError.statusNotFound }
        }
        let now = Timestamp.now()
        var status = StatusRecord(
            id: nil, accountId: new.accountId, inReplyToId: parent?.id, inReplyToAccountId: parent?.accountId,
            text: new.text, visibility: new.visibility.rawValue, createdAt: now, editedAt: nil,
            idempotencyKey: new.idempotencyKey, repliesCount: 0,
            groupId: try Self.groupOfNewStatus(new, parent: parent, db)
        )
        try status.insert(db)
        try AccountRecord.filter(key: new.accountId).updateAll(
            db, AccountRecord.Columns.statusesCount += 1, AccountRecord.Columns.lastStatusAt.set(to: now)
        )
        if let parent {
            try StatusRecord.filter(key: parent.rowID).updateAll(db, StatusRecord.Columns.repliesCount += 1)
            if parent.accountId != new.accountId,
                try AccountRecord.fetchOne(db, key: parent.accountId)?.isGroup == true
            {
                var notification = NotificationRecord(
                    id: nil, accountId: parent.accountId, type: "mention",
                    fromAccountId: new.accountId, statusId: status.rowID, createdAt: now
                )
                try notification.insert(db)
            }
        }
        try StatusTags.afterInsert(status, db)
        return (status, true)
    }

    /// The group of a new status: its parent's, else its author's when that is a group, else the
    /// requested one, which must be a group the writer may see.
    private static func groupOfNewStatus(_ new: NewStatus, parent: StatusRecord?, _ db: Database) throws -> Int64? {
        let writerIsGroup = try AccountRecord.fetchOne(db, key: new.accountId)?.isGroup == true
        if let parent { return parent.groupId ?? (writerIsGroup ? new.accountId : nil) }
        if writerIsGroup { return new.accountId }
        guard let groupId = new.groupId else { return nil }
        guard try AccountRecord.fetchOne(db, key: groupId)?.isGroup == true,
            try canSee(accountId: groupId, viewerId: new.accountId, db)
        else { throw StatusWriteError.statusNotFound }
        return groupId
    }

    /// Replaces the text of `statusId`, keeping the previous version in `statusEdit`.
    ///
    /// - Throws: ``StatusWriteError``.
    func editStatus(id statusId: Int64, by accountId: Int64, text: String) async throws -> StatusRecord {
        let (status, author, changed) = try await pool.write { db in
            guard let author = try AccountRecord.fetchOne(db, key: accountId) else {
                throw StatusWriteError.statusNotFound
            }
            let before = try StatusRecord.fetchOne(db, key: statusId)
            let status = try Self.updateStatusText(id: statusId, by: accountId, text: text, db)
            return (status, author, before != status)
        }
        if changed { events.publish(StatusEvent(kind: .edited, status: status, author: author)) }
        return status
    }

    private static func updateStatusText(id statusId: Int64, by accountId: Int64, text: String, _ db: Database) throws -> StatusRecord {
        guard var status = try StatusRecord.all().visible(to: accountId).filter(key: statusId).fetchOne(db) else {
            throw StatusWriteError.statusNotFound
        }
        guard status.accountId == accountId else { throw StatusWriteError.notAuthor }
        guard status.text != text else { return status }
        var edit = StatusEditRecord(
            id: nil, statusId: statusId, text: status.text, createdAt: status.editedAt ?? status.createdAt
        )
        try edit.insert(db)
        status.text = text
        status.editedAt = Timestamp.now()
        try status.update(db)
        try StatusTags.record(status, db)
        return status
    }

    /// The previous versions of a status, oldest first.
    func edits(ofStatus statusId: Int64) async throws -> [StatusEditRecord] {
        try await pool.read { db in
            try StatusEditRecord.filter(StatusEditRecord.Columns.statusId == statusId)
                .order(StatusEditRecord.Columns.id).fetchAll(db)
        }
    }

    /// The status with this id, if `viewerId` may see it.
    func status(id: Int64, viewerId: Int64?) async throws -> StatusRecord? {
        try await pool.read { db in try StatusRecord.all().visible(to: viewerId).filter(key: id).fetchOne(db) }
    }

    /// The thread around a status: its ancestors, oldest first, and its descendants depth-first,
    /// siblings oldest first. Each list is capped at `limit`.
    func context(
        ofStatus status: StatusRecord, viewerId: Int64?, limit: Int = 4096
    ) async throws -> (ancestors: [StatusRecord], descendants: [StatusRecord]) {
        try await pool.read { db in
            var ancestors: [StatusRecord] = []
            var next = status.inReplyToId
            while let parentId = next, ancestors.count < limit,
                let parent = try StatusRecord.fetchOne(db, key: parentId)
            {
                ancestors.append(parent)
                next = parent.inReplyToId
            }
            let all = try StatusRecord.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE thread(id) AS (
                      SELECT id FROM status WHERE inReplyToId = ?
                      UNION ALL
                      SELECT status.id FROM status JOIN thread ON status.inReplyToId = thread.id
                    )
                    SELECT status.* FROM status JOIN thread ON status.id = thread.id
                    """,
                arguments: [status.rowID]
            )
            let readable = { (s: StatusRecord) in Visibility(rawValue: s.visibility)?.isOpen == true || s.accountId == viewerId }
            return (
                ancestors.reversed().filter(readable),
                Array(Self.depthFirst(all, root: status.rowID).filter(readable).prefix(limit))
            )
        }
    }

    /// Orders a thread's replies depth-first: each reply is followed by its own replies.
    static func depthFirst(_ statuses: [StatusRecord], root: Int64) -> [StatusRecord] {
        var children: [Int64: [StatusRecord]] = [:]
        for status in statuses.sorted(by: { $0.rowID < $1.rowID }) {
            children[status.inReplyToId ?? 0, default: []].append(status)
        }
        var ordered: [StatusRecord] = []
        ordered.reserveCapacity(statuses.count)
        var stack: [StatusRecord] = (children[root] ?? []).reversed()
        while let status = stack.popLast() {
            ordered.append(status)
            stack.append(contentsOf: (children[status.rowID] ?? []).reversed())
        }
        return ordered
    }
}

extension DerivableRequest<StatusRecord> {
    /// The status an account created with this idempotency key.
    func filter(accountId: Int64, idempotencyKey: String) -> Self {
        filter(StatusRecord.Columns.accountId == accountId && StatusRecord.Columns.idempotencyKey == idempotencyKey)
    }
}
