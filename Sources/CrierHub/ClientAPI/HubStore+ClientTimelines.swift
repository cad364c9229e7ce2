import Foundation
import GRDB

extension HubStore {
    /// The home timeline of `accountId`, newest first: the account's own statuses and every
    /// status in the groups it may read (open groups, and closed ones it belongs to).
    func homeTimeline(accountId: Int64, page: PageRequest) async throws -> StatusPage {
        try await pool.read { db in
            let request = StatusRecord
                .filter(StatusRecord.Columns.accountId == accountId || StatusRecord.Columns.groupId != nil)
                .visible(to: accountId)
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }

    /// The public statuses tagged `#tag` (case-insensitive) that `viewerId` may read, newest first.
    func tagTimeline(tag: String, viewerId: Int64?, page: PageRequest) async throws -> StatusPage {
        try await pool.read { db in
            let request = StatusRecord
                .filter(sql: "status.id IN (SELECT statusId FROM statusTag WHERE name = ?)", arguments: [tag.lowercased()])
                .filter(StatusRecord.Columns.visibility == Visibility.public.rawValue)
                .inVisibleGroups(of: viewerId)
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }

    /// Deletes a status of `accountId` in one transaction (its reply and post counts follow; its
    /// edits, tags and notifications go with it; replies to it stay, detached), and publishes a
    /// `deleted` event. Returns the status as it was, with its author.
    ///
    /// - Throws: ``StatusWriteError``.
    func deleteStatus(id statusId: Int64, by accountId: Int64) async throws -> (status: StatusRecord, author: AccountRecord) {
        let (status, author) = try await pool.write { db in
            guard let status = try StatusRecord.all().visible(to: accountId).filter(key: statusId).fetchOne(db),
                let author = try AccountRecord.fetchOne(db, key: status.accountId)
            else { throw StatusWriteError.statusNotFound }
            guard status.accountId == accountId else { throw StatusWriteError.notAuthor }
            try StatusRecord.deleteOne(db, key: statusId)
            try db.execute(
                sql: "UPDATE account SET statusesCount = MAX(statusesCount - 1, 0) WHERE id = ?", arguments: [accountId])
            if let parentId = status.inReplyToId {
                try db.execute(
                    sql: "UPDATE status SET repliesCount = MAX(repliesCount - 1, 0) WHERE id = ?", arguments: [parentId])
            }
            return (status, author)
        }
        events.publish(StatusEvent(kind: .deleted, status: status, author: author))
        return (status, author)
    }

    /// The notification that `status` gave `accountId`, with what it refers to, if any (for the
    /// user stream).
    func notification(forStatus statusId: Int64, recipient accountId: Int64) async throws -> NotificationPage? {
        try await pool.read { db in
            guard let notification = try NotificationRecord
                .filter(NotificationRecord.Columns.accountId == accountId && NotificationRecord.Columns.statusId == statusId)
                .fetchOne(db),
                let status = try StatusRecord.fetchOne(db, key: statusId)
            else { return nil }
            let accounts = try AccountRecord.fetchAll(db, keys: Set([notification.fromAccountId, status.accountId]))
            return NotificationPage(
                notifications: [notification], statuses: [statusId: status],
                accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.rowID, $0) }))
        }
    }
}

extension HubStore {
    /// The public statuses `viewerId` may read (closed groups' only for members), newest first.
    func publicStatuses(viewerId: Int64?, page: PageRequest) async throws -> StatusPage {
        try await pool.read { db in
            let request = StatusRecord.filter(StatusRecord.Columns.visibility == Visibility.public.rawValue)
                .inVisibleGroups(of: viewerId)
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }
}
