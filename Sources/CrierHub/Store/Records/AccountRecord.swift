import Foundation
import GRDB

/// A row of `account`: a group or a person.
struct AccountRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "account"

    var id: Int64?
    /// Unique, compared case-insensitively.
    var username: String
    var displayName: String
    /// Plain text; rendered to HTML like status text.
    var note: String
    var isGroup: Bool
    var createdAt: Timestamp
    /// Maintained by the status write methods, so that pages need no `COUNT(*)`.
    var statusesCount: Int
    var lastStatusAt: Timestamp?
    /// For a group: whether only its members may see it (see `Groups/GroupVisibility.swift`).
    var isClosed: Bool = false

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let username = Column(CodingKeys.username)
        static let displayName = Column(CodingKeys.displayName)
        static let note = Column(CodingKeys.note)
        static let isGroup = Column(CodingKeys.isGroup)
        static let createdAt = Column(CodingKeys.createdAt)
        static let statusesCount = Column(CodingKeys.statusesCount)
        static let lastStatusAt = Column(CodingKeys.lastStatusAt)
        static let isClosed = Column(CodingKeys.isClosed)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The id, which every fetched or inserted record has.
    var rowID: Int64 { id ?? 0 }

    /// The public projection.
    var hubAccount: HubAccount {
        HubAccount(id: String(rowID), username: username, displayName: displayName, isGroup: isGroup)
    }
}
