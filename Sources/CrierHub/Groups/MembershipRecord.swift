import GRDB

/// A row of `membership`: a person belongs to a group (which matters for closed groups).
struct MembershipRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "membership"

    var groupId: Int64
    var accountId: Int64
    var createdAt: Timestamp

    enum Columns {
        static let groupId = Column(CodingKeys.groupId)
        static let accountId = Column(CodingKeys.accountId)
    }
}
