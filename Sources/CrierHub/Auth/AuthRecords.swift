import GRDB

/// A row of `credential`: a person's password, as a salted scrypt hash with its parameters.
struct CredentialRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "credential"

    var accountId: Int64
    /// See ``PasswordHasher``; the password itself is never stored.
    var passwordHash: String
    var updatedAt: Timestamp
}

/// A row of `session`: a web log-in, stored only as the hex SHA-256 of its cookie value.
struct SessionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "session"

    var id: Int64?
    var accountId: Int64
    var tokenHash: String
    var createdAt: Timestamp
    var expiresAt: Timestamp

    enum Columns {
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let expiresAt = Column(CodingKeys.expiresAt)
        static let accountId = Column(CodingKeys.accountId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Random secrets for cookies and forms.
enum Secrets {
    /// 32 random bytes as 64 lowercase hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for _ in 0..<32 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
