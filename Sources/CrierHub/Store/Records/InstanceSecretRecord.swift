import Foundation
import GRDB

/// The single row of `instanceSecret`: 32 random bytes, the HMAC key from which access tokens are
/// derived, so that a token for the same account and label is the same after a restart.
struct InstanceSecretRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "instanceSecret"

    /// Always 1 (enforced by a CHECK constraint).
    var id: Int64
    var secret: Data

    enum Columns {
        static let id = Column(CodingKeys.id)
    }
}
