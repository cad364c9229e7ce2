import Crypto
import Foundation
import GRDB

extension HubStore {
    /// Returns a bearer token for the account, minting one with this label if none with that label
    /// exists.
    ///
    /// Tokens are stored only as SHA-256 hashes. So that the same label gives the same token after a
    /// restart, the token is derived as `hex(HMAC-SHA256(key: instance secret, data: accountId NUL
    /// label))`, where the instance secret is 32 random bytes kept in the hub database. (The NUL
    /// separator keeps `("1", "2x")` and `("12", "x")` apart.)
    ///
    /// - Throws: ``HubStoreError/accountNotFound(_:)``.
    public func token(for accountId: String, label: String) throws -> String {
        guard let id = Int64(accountId) else { throw HubStoreError.accountNotFound(accountId) }
        let token = Self.deriveToken(secret: secret, accountId: String(id), label: label)
        return try pool.write { db in
            guard try AccountRecord.exists(db, key: id) else { throw HubStoreError.accountNotFound(accountId) }
            let exists = try TokenRecord
                .filter(TokenRecord.Columns.accountId == id && TokenRecord.Columns.label == label)
                .fetchCount(db) > 0
            if !exists {
                var record = TokenRecord(
                    id: nil, accountId: id, label: label, hash: Self.tokenHash(token), createdAt: Timestamp.now()
                )
                try record.insert(db)
            }
            return token
        }
    }

    /// The account that owns this bearer token, if the token is valid.
    func account(bearer token: String) async throws -> AccountRecord? {
        let hash = Self.tokenHash(token)
        return try await pool.read { db in
            try AccountRecord.fetchOne(
                db,
                sql: "SELECT account.* FROM token JOIN account ON account.id = token.accountId WHERE token.hash = ?",
                arguments: [hash]
            )
        }
    }

    /// Lowercase hex SHA-256 of the token's UTF-8 bytes: what the `token` table stores.
    static func tokenHash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    static func deriveToken(secret: Data, accountId: String, label: String) -> String {
        let key = SymmetricKey(data: secret)
        let code = HMAC<SHA256>.authenticationCode(for: Data((accountId + "\u{0}" + label).utf8), using: key)
        return hex(code)
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
