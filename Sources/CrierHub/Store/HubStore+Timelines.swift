import Foundation
import GRDB

/// A page of statuses, with their authors.
struct StatusPage: Sendable {
    var statuses: [StatusRecord]
    /// Every author of `statuses`, by id.
    var accounts: [Int64: AccountRecord]
}

/// A page of notifications, with what they refer to.
struct NotificationPage: Sendable {
    var notifications: [NotificationRecord]
    var statuses: [Int64: StatusRecord]
    var accounts: [Int64: AccountRecord]
}

extension HubStore {
    /// An account's statuses that `viewerId` may read, newest first.
    func accountStatuses(
        accountId: Int64, viewerId: Int64?, excludeReplies: Bool, page: PageRequest
    ) async throws -> StatusPage {
        try await pool.read { db in
            var request = StatusRecord.filter(StatusRecord.Columns.accountId == accountId).visible(to: viewerId)
            if excludeReplies { request = request.filter(StatusRecord.Columns.inReplyToId == nil) }
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }

    /// All public statuses, newest first.
    func publicTimeline(page: PageRequest) async throws -> StatusPage {
        try await pool.read { db in
            let request = StatusRecord.filter(StatusRecord.Columns.visibility == Visibility.public.rawValue)
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }

    /// Attaches the authors to a list of statuses.
    static func statusPage(_ statuses: [StatusRecord], _ db: Database) throws -> StatusPage {
        let ids = Set(statuses.map(\.accountId))
        let accounts = try AccountRecord.fetchAll(db, keys: ids)
        return StatusPage(statuses: statuses, accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.rowID, $0) }))
    }

    /// The authors of these statuses, by id.
    func authors(of statuses: [StatusRecord]) async throws -> [Int64: AccountRecord] {
        try await pool.read { db in try Self.statusPage(statuses, db).accounts }
    }

    /// An account's notifications, newest first, optionally restricted to or excluding some types.
    func notifications(
        accountId: Int64, types: [String], excludeTypes: [String], page: PageRequest
    ) async throws -> NotificationPage {
        try await pool.read { db in
            var request = NotificationRecord.filter(NotificationRecord.Columns.accountId == accountId)
            if !types.isEmpty { request = request.filter(types.contains(NotificationRecord.Columns.type)) }
            if !excludeTypes.isEmpty { request = request.filter(!excludeTypes.contains(NotificationRecord.Columns.type)) }
            let notifications = try page.fetch(request, idColumn: NotificationRecord.Columns.id, db)
            let statuses = try StatusRecord.fetchAll(db, keys: Set(notifications.map(\.statusId)))
            let accountIds = Set(notifications.map(\.fromAccountId)).union(statuses.map(\.accountId))
            let accounts = try AccountRecord.fetchAll(db, keys: accountIds)
            return NotificationPage(
                notifications: notifications,
                statuses: Dictionary(uniqueKeysWithValues: statuses.map { ($0.rowID, $0) }),
                accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.rowID, $0) })
            )
        }
    }

    /// The account with this id.
    func accountRecord(id: Int64) async throws -> AccountRecord? {
        try await pool.read { db in try AccountRecord.fetchOne(db, key: id) }
    }

    /// The account with this username (case-insensitive).
    func accountRecord(username: String) async throws -> AccountRecord? {
        try await pool.read { db in try AccountRecord.all().filter(username: username).fetchOne(db) }
    }

    /// Every group account, by username.
    func groups() async throws -> [AccountRecord] {
        try await pool.read { db in
            try AccountRecord.filter(AccountRecord.Columns.isGroup == true)
                .order(AccountRecord.Columns.username.collating(.nocase)).fetchAll(db)
        }
    }

    /// The number of accounts and of statuses (reported as instance usage).
    func usage() async throws -> (accounts: Int, statuses: Int) {
        try await pool.read { db in (
                try AccountRecord.fetchCount(db),
                try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(statusesCount), 0) FROM account") ?? 0
            ) }
    }
}
