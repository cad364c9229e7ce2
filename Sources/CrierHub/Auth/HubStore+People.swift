import Foundation
import GRDB

extension HubStore {
    /// Creates or updates a person who logs in to the web UI with `password` (hashed with scrypt;
    /// only the hash is stored). A nil `displayName` keeps the current one (or the username, for
    /// a new account).
    ///
    /// - Throws: ``HubStoreError/invalidUsername(_:)``, ``HubStoreError/usernameTaken(_:)`` when a
    ///   group has this username.
    @discardableResult
    public func setUser(username: String, displayName: String? = nil, password: String) throws -> HubAccount {
        try setUser(username: username, displayName: displayName, passwordHash: try passwordHasher.hash(password))
    }

    /// Like ``setUser(username:displayName:password:)`` with a hash made earlier by
    /// ``hashPassword(_:)`` (for a config file that holds hashes, not passwords); nil leaves the
    /// password unchanged (or unset).
    ///
    /// - Throws: ``HubStoreError``.
    @discardableResult
    public func setUser(username: String, displayName: String?, passwordHash: String?) throws -> HubAccount {
        let account = try ensureUser(username: username, displayName: displayName ?? username)
        guard let id = Int64(account.id) else { throw HubStoreError.accountNotFound(account.id) }
        return try pool.write { db in
            guard var record = try AccountRecord.fetchOne(db, key: id) else { throw HubStoreError.accountNotFound(account.id) }
            if let displayName, record.displayName != displayName {
                record.displayName = displayName
                try record.update(db)
            }
            if let passwordHash {
                try CredentialRecord(accountId: id, passwordHash: passwordHash, updatedAt: .now()).upsert(db)
            }
            return record.hubAccount
        }
    }

    /// A salted scrypt hash of `password` (default cost), in the format
    /// ``setUser(username:displayName:passwordHash:)`` accepts.
    public static func hashPassword(_ password: String) throws -> String {
        try PasswordHasher().hash(password)
    }

    /// The person with this username and password, or nil (unknown user, no password set, wrong
    /// password, or a group). An unknown user costs as much time as a wrong password.
    func verifyPassword(username: String, password: String) async throws -> AccountRecord? {
        let found = try await pool.read { db -> (AccountRecord, String)? in
            guard let account = try AccountRecord.all().filter(username: username).fetchOne(db), !account.isGroup,
                let credential = try CredentialRecord.fetchOne(db, key: account.rowID)
            else { return nil }
            return (account, credential.passwordHash)
        }
        guard let (account, hash) = found else {
            // As costly as a real check, so that timing does not reveal which users exist.
            _ = PasswordHasher.verify(password, against: passwordHasher.decoyHash)
            return nil
        }
        return PasswordHasher.verify(password, against: hash) ? account : nil
    }

    // MARK: Sessions

    /// Starts a web session for the account and returns its cookie value (only its hash is
    /// stored); expired sessions are purged on the way.
    func createSession(accountId: Int64, lifetime: Duration) async throws -> String {
        let token = Secrets.randomToken()
        let now = Timestamp.now()
        let expires = Timestamp(milliseconds: now.milliseconds + lifetime.components.seconds * 1000)
        try await pool.write { db in
            try SessionRecord.filter(SessionRecord.Columns.expiresAt <= now).deleteAll(db)
            var record = SessionRecord(
                id: nil, accountId: accountId, tokenHash: Self.tokenHash(token), createdAt: now, expiresAt: expires
            )
            try record.insert(db)
        }
        return token
    }

    /// The account of an unexpired session cookie value.
    func account(session token: String) async throws -> AccountRecord? {
        let hash = Self.tokenHash(token)
        return try await pool.read { db in
            try AccountRecord.fetchOne(
                db,
                sql: """
                    SELECT account.* FROM session JOIN account ON account.id = session.accountId
                    WHERE session.tokenHash = ? AND session.expiresAt > ?
                    """,
                arguments: [hash, Timestamp.now()]
            )
        }
    }

    /// Ends a session (log-out).
    func deleteSession(token: String) async throws {
        let hash = Self.tokenHash(token)
        _ = try await pool.write { db in
            try SessionRecord.filter(SessionRecord.Columns.tokenHash == hash).deleteAll(db)
        }
    }
}
