import Foundation
import GRDB

/// A row of `notification`: something that happened to an account, for example a reply to a
/// group's post (type `mention`).
struct NotificationRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "notification"

    var id: Int64?
    /// The recipient.
    var accountId: Int64
    /// A Mastodon notification type; the hub creates `mention`.
    var type: String
    /// Who caused it (the replier).
    var fromAccountId: Int64
    var statusId: Int64
    var createdAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountId = Column(CodingKeys.accountId)
        static let type = Column(CodingKeys.type)
        static let fromAccountId = Column(CodingKeys.fromAccountId)
        static let statusId = Column(CodingKeys.statusId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The id, which every fetched or inserted record has.
    var rowID: Int64 { id ?? 0 }
}
