import Foundation
import GRDB

/// A row of `statusEdit`: a previous version of a status, saved when it is edited.
struct StatusEditRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "statusEdit"

    var id: Int64?
    var statusId: Int64
    /// The text of the replaced version.
    var text: String
    /// When the replaced version was written (the status' `createdAt` or previous `editedAt`).
    var createdAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let statusId = Column(CodingKeys.statusId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
