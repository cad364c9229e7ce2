import Foundation
import GRDB

/// The hub's database facade: one GRDB `DatabasePool` (WAL) for the life of the process.
///
/// `init` runs the frozen, named migrations (``HubMigrations``). Every method that changes state
/// runs exactly one transaction that keeps the invariants of the schema (for example: a status,
/// its parent's reply count, its author's post count and the group's notification are written
/// together or not at all).
///
/// ```swift
/// let store = try HubStore(path: "/var/lib/crier/hub.sqlite")
/// let group = try store.ensureGroup(username: "releases", displayName: "Releases", note: "")
/// let token = try store.token(for: group.id, label: "crier-delivery")
/// ```
public final class HubStore: Sendable {
    /// The one writer and its readers.
    let pool: DatabasePool
    /// The instance secret (see ``token(for:label:)``), read once at start.
    let secret: Data
    /// Every status create, edit and delete, for live views (see ``StatusEvents``).
    let events = StatusEvents()
    /// Group commit for the API's posts (see ``StatusWriteBatcher``).
    let statusWriteBatcher = StatusWriteBatcher()
    /// How new passwords are hashed (see ``PasswordHasher``).
    let passwordHasher: PasswordHasher

    /// Opens (creating if needed) the database at `path` and migrates it.
    ///
    /// - Parameter passwordCost: log2 of scrypt's N for new password hashes; 15 (32 MiB) by
    ///   default. Tests may lower it; existing hashes keep their own cost.
    public init(path: String, passwordCost: Int = 15) throws {
        passwordHasher = PasswordHasher(logRounds: min(max(passwordCost, 4), 20))
        var configuration = Configuration()
        // Another process (for example `crier status`) may hold the write lock briefly.
        configuration.busyMode = .timeout(5)
        // WAL with synchronous=NORMAL: a commit does not wait for fsync (only checkpoints do). A
        // process crash loses nothing; a power loss or OS crash may lose the last commits but never
        // corrupts the file. Crier's delivery retries with the same Idempotency-Key, so a lost post
        // is posted again, once. FULL capped posting near the disk's fsync rate (~1,500/s here).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try HubMigrations.migrator.migrate(pool)
        secret = try pool.write { db in
            if let existing = try InstanceSecretRecord.fetchOne(db, key: 1) { return existing.secret }
            let record = InstanceSecretRecord(id: 1, secret: Self.randomSecret())
            try record.insert(db)
            return record.secret
        }
    }

    /// Creates the group account if missing (updates display name / note if changed) and returns it.
    ///
    /// - Throws: ``HubStoreError/invalidUsername(_:)``, or ``HubStoreError/usernameTaken(_:)``
    ///   when a person already has this username.
    public func ensureGroup(username: String, displayName: String, note: String) throws -> HubAccount {
        try ensureAccount(username: username, displayName: displayName, note: note, isGroup: true, updates: true)
    }

    /// Creates a person account if missing, and returns it (an existing one is left unchanged).
    ///
    /// - Throws: ``HubStoreError/invalidUsername(_:)``, or ``HubStoreError/usernameTaken(_:)``
    ///   when a group already has this username.
    public func ensureUser(username: String, displayName: String) throws -> HubAccount {
        try ensureAccount(username: username, displayName: displayName, note: "", isGroup: false, updates: false)
    }

    /// Returns the account with this username (case-insensitive), if any.
    public func account(username: String) throws -> HubAccount? {
        try pool.read { db in try AccountRecord.all().filter(username: username).fetchOne(db)?.hubAccount }
    }

    private func ensureAccount(
        username: String, displayName: String, note: String, isGroup: Bool, updates: Bool
    ) throws -> HubAccount {
        guard Self.isValidUsername(username) else { throw HubStoreError.invalidUsername(username) }
        return try pool.write { db in
            if var existing = try AccountRecord.all().filter(username: username).fetchOne(db) {
                guard existing.isGroup == isGroup else { throw HubStoreError.usernameTaken(username) }
                if updates, existing.displayName != displayName || existing.note != note {
                    existing.displayName = displayName
                    existing.note = note
                    try existing.update(db)
                }
                return existing.hubAccount
            }
            var record = AccountRecord(
                id: nil, username: username, displayName: displayName, note: note,
                isGroup: isGroup, createdAt: Timestamp.now(), statusesCount: 0, lastStatusAt: nil
            )
            try record.insert(db)
            return record.hubAccount
        }
    }

    /// Mastodon's rule: 1–30 ASCII letters, digits and underscores.
    static func isValidUsername(_ username: String) -> Bool {
        !username.isEmpty && username.utf8.count <= 30
            && username.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            }
    }

    private static func randomSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

extension DerivableRequest<AccountRecord> {
    /// The account with this username, compared case-insensitively (the column collates NOCASE).
    func filter(username: String) -> Self {
        filter(AccountRecord.Columns.username == username)
    }
}
