import GRDB

/// The state database schema. Migrations are frozen once shipped: never edit one, add a new one.
enum StateMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-21 state v1") { db in
            try db.create(table: "sourceState") { t in
                t.primaryKey("sourceId", .text)
                t.column("cursor", .text)
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("nextPollAt", .datetime)
                t.column("errorCount", .integer).notNull().defaults(to: 0)
                t.column("lastError", .text)
                t.column("lastErrorAt", .datetime)
                t.column("lastSuccessAt", .datetime)
                t.column("baselineAt", .datetime)
            }
            try db.create(table: "item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sourceId", .text).notNull()
                t.column("key", .text).notNull()
                t.column("threadKey", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("payload", .blob).notNull()
                t.column("firstSeenAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("departedAt", .datetime)
                t.uniqueKey(["sourceId", "key"])
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sinkId", .text).notNull()
                t.column("groupId", .text).notNull()
                t.column("routeId", .text).notNull()
                t.column("sourceId", .text).notNull()
                t.column("itemKey", .text).notNull()
                t.column("threadKey", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("action", .text).notNull()
                t.column("idempotencyKey", .text).notNull().unique()
                t.column("payload", .blob).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("remotePostId", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
            }
            try db.create(index: "outbox_queue", on: "outbox", columns: ["sinkId", "groupId", "state", "id"])
            try db.create(table: "post") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("outboxId", .integer).notNull().unique().references("outbox")
                t.column("sinkId", .text).notNull()
                t.column("groupId", .text).notNull()
                t.column("sourceId", .text).notNull()
                t.column("threadKey", .text).notNull()
                t.column("itemKey", .text).notNull()
                t.column("revision", .integer).notNull()
                t.column("remotePostId", .text).notNull()
                t.column("url", .text)
                t.column("isThreadRoot", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(index: "post_thread", on: "post", columns: ["sinkId", "groupId", "sourceId", "threadKey"])
            try db.create(index: "post_remote", on: "post", columns: ["sinkId", "remotePostId"])
        }
        migrator.registerMigration("2026-11-21 replies v1") { db in
            try db.create(table: "reply") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sinkId", .text).notNull()
                t.column("groupId", .text).notNull()
                t.column("remoteId", .text).notNull()
                t.column("parentRemoteId", .text).notNull()
                t.column("authorName", .text).notNull()
                t.column("authorHandle", .text).notNull()
                t.column("isOwnAccount", .boolean).notNull()
                t.column("text", .text).notNull()
                t.column("url", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("recordedAt", .datetime).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("sourceId", .text)
                t.column("relayedRemoteId", .text)
                t.column("noticeReason", .text)
                t.column("noticeRemoteId", .text)
                t.column("finishedAt", .datetime)
                t.uniqueKey(["sinkId", "remoteId"])
            }
            try db.create(index: "reply_queue", on: "reply", columns: ["state", "id"])
            try db.create(table: "replyCursor") { t in
                t.column("sinkId", .text).notNull()
                t.column("groupId", .text).notNull()
                t.column("cursor", .text)
                t.column("backfilledAt", .datetime)
                t.primaryKey(["sinkId", "groupId"])
            }
            try db.create(table: "echo") { t in
                t.column("sourceId", .text).notNull()
                t.column("key", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["sourceId", "key"])
            }
        }
        migrator.registerMigration("2026-11-21 digests v1") { db in
            try db.alter(table: "outbox") { t in
                t.add(column: "digestKey", .text)
            }
            try db.create(index: "outbox_digest", on: "outbox", columns: ["digestKey"])
        }
        return migrator
    }
}
