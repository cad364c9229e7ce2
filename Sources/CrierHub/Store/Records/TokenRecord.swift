import Foundation
import GRDB

/// A row of `token`: an access token, stored only as the hex SHA-256 of the bearer string.
struct TokenRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "token"

    var id: Int64?
    var accountId: Int64
    /// Unique per account; names what the token is for (for example `crier-delivery`).
    var label: String
    /// Lowercase hex SHA-256 of the bearer token; unique.
    var hash: String
    var createdAt: Timestamp

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountId = Column(CodingKeys.accountId)
        static let label = Column(CodingKeys.label)
        static let hash = Column(CodingKeys.hash)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
