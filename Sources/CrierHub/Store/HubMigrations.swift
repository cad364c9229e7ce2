import GRDB

/// The hub's schema, as named migrations. A migration is frozen once shipped: change the schema
/// by registering a new one after the others, never by editing one.
enum HubMigrations {
    /// The migrator that ``HubStore`` runs when it opens the database.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial-schema", migrate: createInitialSchema)
        migrator.registerMigration("v2-oauth-and-tags", migrate: ClientAPISchema.create)
        migrator.registerMigration("v3-web-accounts-groups-search", migrate: WebSchema.create)
        return migrator
    }

    private static func createInitialSchema(_ db: Database) throws {
        try db.create(table: "account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique().collate(.nocase)
            t.column("displayName", .text).notNull()
            t.column("note", .text).notNull()
            t.column("isGroup", .boolean).notNull()
            t.column("createdAt", .integer).notNull()
            t.column("statusesCount", .integer).notNull().defaults(to: 0)
            t.column("lastStatusAt", .integer)
        }
        try db.create(table: "token") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountId", .integer).notNull().references("account", onDelete: .cascade)
            t.column("label", .text).notNull()
            t.column("hash", .text).notNull().unique()
            t.column("createdAt", .integer).notNull()
            t.uniqueKey(["accountId", "label"])
        }
        try db.create(table: "status") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountId", .integer).notNull().references("account", onDelete: .cascade)
            t.column("inReplyToId", .integer).references("status", onDelete: .setNull)
            t.column("inReplyToAccountId", .integer).references("account", onDelete: .setNull)
            t.column("text", .text).notNull()
            t.column("visibility", .text).notNull()
                .check { ["public", "unlisted", "private", "direct"].contains($0) }
            t.column("createdAt", .integer).notNull()
            t.column("editedAt", .integer)
            t.column("idempotencyKey", .text)
            t.column("repliesCount", .integer).notNull().defaults(to: 0)
        }
        try db.create(index: "status_on_accountId_id", on: "status", columns: ["accountId", "id"])
        try db.create(index: "status_on_inReplyToId", on: "status", columns: ["inReplyToId"])
        try db.create(index: "status_on_inReplyToAccountId", on: "status", columns: ["inReplyToAccountId"])
        // NULL keys never collide in a SQLite unique index, so statuses without a key are free.
        try db.create(
            index: "status_on_accountId_idempotencyKey", on: "status",
            columns: ["accountId", "idempotencyKey"], options: .unique
        )
        try db.create(table: "statusEdit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("statusId", .integer).notNull().indexed().references("status", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("createdAt", .integer).notNull()
        }
        try db.create(table: "notification") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountId", .integer).notNull().references("account", onDelete: .cascade)
            t.column("type", .text).notNull()
            t.column("fromAccountId", .integer).notNull().indexed().references("account", onDelete: .cascade)
            t.column("statusId", .integer).notNull().indexed().references("status", onDelete: .cascade)
            t.column("createdAt", .integer).notNull()
            t.uniqueKey(["accountId", "type", "statusId"])
        }
        try db.create(index: "notification_on_accountId_id", on: "notification", columns: ["accountId", "id"])
        try db.create(table: "instanceSecret") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("secret", .blob).notNull()
        }
    }
}
