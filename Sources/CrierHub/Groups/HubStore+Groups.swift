import GRDB

/// Errors of the group and user management methods (the CLI and the config loader show them).
public enum HubGroupError: Error, Equatable, Sendable {
    /// No group has this username.
    case groupNotFound(String)
    /// No person has this username.
    case userNotFound(String)
}

extension HubStore {
    /// Opens or closes a group: a closed group is visible to its members only.
    ///
    /// - Throws: ``HubGroupError/groupNotFound(_:)``.
    public func setGroupClosed(_ group: String, closed: Bool) throws {
        try pool.write { db in
            guard var record = try AccountRecord.all().filter(username: group).fetchOne(db), record.isGroup else {
                throw HubGroupError.groupNotFound(group)
            }
            guard record.isClosed != closed else { return }
            record.isClosed = closed
            try record.update(db)
        }
    }

    /// Adds a person to a group; adding a member again changes nothing.
    ///
    /// - Throws: ``HubGroupError``.
    public func addMember(group: String, user: String) throws {
        try pool.write { db in
            let (groupId, userId) = try Self.groupAndUser(group, user, db)
            try MembershipRecord(groupId: groupId, accountId: userId, createdAt: .now()).insert(db, onConflict: .ignore)
        }
    }

    /// Removes a person from a group; returns whether they were a member.
    ///
    /// - Throws: ``HubGroupError``.
    @discardableResult
    public func removeMember(group: String, user: String) throws -> Bool {
        try pool.write { db in
            let (groupId, userId) = try Self.groupAndUser(group, user, db)
            return try MembershipRecord.deleteOne(db, key: ["groupId": groupId, "accountId": userId])
        }
    }

    /// Makes the group's members exactly `users` (for a config that lists them); unknown users are
    /// an error and change nothing.
    ///
    /// - Throws: ``HubGroupError``.
    public func setMembers(group: String, users: [String]) throws {
        try pool.write { db in
            guard let record = try AccountRecord.all().filter(username: group).fetchOne(db), record.isGroup else {
                throw HubGroupError.groupNotFound(group)
            }
            let ids = try users.map { try Self.groupAndUser(group, $0, db).user }
            try MembershipRecord.filter(MembershipRecord.Columns.groupId == record.rowID).deleteAll(db)
            for id in Set(ids) {
                try MembershipRecord(groupId: record.rowID, accountId: id, createdAt: .now()).insert(db)
            }
        }
    }

    /// The usernames of a group's members, sorted.
    ///
    /// - Throws: ``HubGroupError/groupNotFound(_:)``.
    public func members(of group: String) throws -> [String] {
        try pool.read { db in
            guard let record = try AccountRecord.all().filter(username: group).fetchOne(db), record.isGroup else {
                throw HubGroupError.groupNotFound(group)
            }
            return try String.fetchAll(db, sql: """
                SELECT account.username FROM membership JOIN account ON account.id = membership.accountId
                WHERE membership.groupId = ? ORDER BY account.username COLLATE NOCASE
                """, arguments: [record.rowID])
        }
    }

    private static func groupAndUser(_ group: String, _ user: String, _ db: Database) throws -> (group: Int64, user: Int64) {
        guard let groupRecord = try AccountRecord.all().filter(username: group).fetchOne(db), groupRecord.isGroup else {
            throw HubGroupError.groupNotFound(group)
        }
        guard let userRecord = try AccountRecord.all().filter(username: user).fetchOne(db), !userRecord.isGroup else {
            throw HubGroupError.userNotFound(user)
        }
        return (groupRecord.rowID, userRecord.rowID)
    }
}
