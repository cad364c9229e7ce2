import GRDB

// Groups are open or closed. A closed group, its posts (and every reply in their threads), its
// search hits, its Atom feed and its API results are visible to its members only; everyone else
// gets 404, never 403, so that a closed group's existence does not leak.
//
// Every status carries `groupId` (see `StatusRecord.groupId`): a group's own post, a person's post
// in a group, and every reply in such a thread inherit it. For API routes:
//
// - `DerivableRequest<StatusRecord>.visible(to:)` already applies ``inVisibleGroups(of:)``, so a
//   status query that uses `visible(to:)` needs nothing more. A query that does not (a timeline
//   filtering by visibility itself) must add `.inVisibleGroups(of: viewerId)`.
// - Before answering for an account (`/api/v1/accounts/:id`, `…/statuses`, lookup), use
//   ``HubStore/visibleAccountRecord(id:viewerId:)`` (or ``HubStore/canSee(account:viewerId:)``)
//   and answer 404 when it is nil.
// - Live events (``StatusEvents``) are not filtered: check ``HubStore/canSee(groupId:viewerId:)``
//   and the status' visibility before sending one.
//
// A group account always sees its own group, so the relay reads every reply in it.

extension DerivableRequest<StatusRecord> {
    /// Statuses outside closed groups, plus those in closed groups that `viewerId` belongs to (or is).
    func inVisibleGroups(of viewerId: Int64?) -> Self {
        let groupId = StatusRecord.Columns.groupId
        let closed = AccountRecord.filter(AccountRecord.Columns.isClosed == true).select(AccountRecord.Columns.id)
        guard let viewerId else { return filter(groupId == nil || !closed.contains(groupId)) }
        let memberOf = MembershipRecord.filter(MembershipRecord.Columns.accountId == viewerId)
            .select(MembershipRecord.Columns.groupId)
        return filter(groupId == nil || !closed.contains(groupId) || groupId == viewerId || memberOf.contains(groupId))
    }
}

extension DerivableRequest<AccountRecord> {
    /// Accounts `viewerId` may see: people, open groups, and closed groups it belongs to (or is).
    func visible(to viewerId: Int64?) -> Self {
        let id = AccountRecord.Columns.id
        let open = AccountRecord.Columns.isClosed == false
        guard let viewerId else { return filter(open) }
        let memberOf = MembershipRecord.filter(MembershipRecord.Columns.accountId == viewerId)
            .select(MembershipRecord.Columns.groupId)
        return filter(open || id == viewerId || memberOf.contains(id))
    }
}

extension HubStore {
    /// Whether `viewerId` may see the group `groupId` (true for nil, a person, or an open group).
    func canSee(groupId: Int64?, viewerId: Int64?) async throws -> Bool {
        guard let groupId else { return true }
        return try await pool.read { db in try Self.canSee(accountId: groupId, viewerId: viewerId, db) }
    }

    /// Whether `viewerId` may see this account (a closed group only when it is a member).
    func canSee(account: AccountRecord, viewerId: Int64?) async throws -> Bool {
        guard account.isClosed else { return true }
        return try await canSee(groupId: account.rowID, viewerId: viewerId)
    }

    /// The account with this id, if it exists and `viewerId` may see it.
    func visibleAccountRecord(id: Int64, viewerId: Int64?) async throws -> AccountRecord? {
        try await pool.read { db in try AccountRecord.all().visible(to: viewerId).filter(key: id).fetchOne(db) }
    }

    /// The account with this username, if it exists and `viewerId` may see it.
    func visibleAccountRecord(username: String, viewerId: Int64?) async throws -> AccountRecord? {
        try await pool.read { db in
            try AccountRecord.all().visible(to: viewerId).filter(username: username).fetchOne(db)
        }
    }

    /// Every group `viewerId` may see, by username.
    func visibleGroups(viewerId: Int64?) async throws -> [AccountRecord] {
        try await pool.read { db in
            try AccountRecord.filter(AccountRecord.Columns.isGroup == true).visible(to: viewerId)
                .order(AccountRecord.Columns.username.collating(.nocase)).fetchAll(db)
        }
    }

    /// The rule behind ``canSee(groupId:viewerId:)``, inside a transaction.
    static func canSee(accountId: Int64, viewerId: Int64?, _ db: Database) throws -> Bool {
        try AccountRecord.all().visible(to: viewerId).filter(key: accountId).fetchCount(db) > 0
    }
}
