import GRDB

/// The tables of the Mastodon client API: OAuth apps, codes and tokens, and the hashtags of
/// statuses. Registered in ``HubMigrations`` as `v2-oauth-and-tags`; frozen once shipped.
enum ClientAPISchema {
    static func create(_ db: Database) throws {
        try db.create(table: "oauthApp") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("website", .text)
            t.column("redirectUris", .text).notNull()
            t.column("scopes", .text).notNull()
            t.column("clientId", .text).notNull().unique()
            t.column("secretHash", .text).notNull()
            t.column("createdAt", .integer).notNull()
        }
        try db.create(table: "oauthCode") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("hash", .text).notNull().unique()
            t.column("appId", .integer).notNull().indexed().references("oauthApp", onDelete: .cascade)
            t.column("accountId", .integer).notNull().indexed().references("account", onDelete: .cascade)
            t.column("redirectUri", .text).notNull()
            t.column("scopes", .text).notNull()
            t.column("expiresAt", .integer).notNull()
        }
        try db.create(table: "oauthToken") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("hash", .text).notNull().unique()
            t.column("appId", .integer).notNull().indexed().references("oauthApp", onDelete: .cascade)
            t.column("accountId", .integer).indexed().references("account", onDelete: .cascade)
            t.column("scopes", .text).notNull()
            t.column("createdAt", .integer).notNull()
        }
        try db.create(table: "statusTag") { t in
            t.column("name", .text).notNull()
            t.column("statusId", .integer).notNull().indexed().references("status", onDelete: .cascade)
            t.primaryKey(["name", "statusId"])
        }
    }
}
