import GRDB

/// The tables of the web UI and of people's accounts: passwords, sessions, group membership, a
/// status' group, closed groups, and the FTS5 search index. Registered in ``HubMigrations`` as
/// `v3-web-accounts-groups-search`; frozen once shipped.
enum WebSchema {
    static func create(_ db: Database) throws {
        try db.alter(table: "account") { t in
            t.add(column: "isClosed", .boolean).notNull().defaults(to: false)
        }
        try db.alter(table: "status") { t in
            t.add(column: "groupId", .integer).references("account", onDelete: .setNull)
        }
        try db.create(index: "status_on_groupId_id", on: "status", columns: ["groupId", "id"])
        try db.create(table: "membership") { t in
            t.column("groupId", .integer).notNull().references("account", onDelete: .cascade)
            t.column("accountId", .integer).notNull().indexed().references("account", onDelete: .cascade)
            t.column("createdAt", .integer).notNull()
            t.primaryKey(["groupId", "accountId"])
        }
        try db.create(table: "credential") { t in
            t.primaryKey("accountId", .integer).references("account", onDelete: .cascade)
            t.column("passwordHash", .text).notNull()
            t.column("updatedAt", .integer).notNull()
        }
        try db.create(table: "session") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountId", .integer).notNull().indexed().references("account", onDelete: .cascade)
            t.column("tokenHash", .text).notNull().unique()
            t.column("createdAt", .integer).notNull()
            t.column("expiresAt", .integer).notNull().indexed()
        }
        try createSearchIndex(db)
        try backfillGroups(db)
    }

    /// `statusSearch`, an external-content FTS5 index of `status.text`, kept in step by triggers.
    private static func createSearchIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE statusSearch USING fts5(
              text, content='status', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER status_search_insert AFTER INSERT ON status BEGIN
              INSERT INTO statusSearch(rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER status_search_delete AFTER DELETE ON status BEGIN
              INSERT INTO statusSearch(statusSearch, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER status_search_update AFTER UPDATE OF text ON status BEGIN
              INSERT INTO statusSearch(statusSearch, rowid, text) VALUES ('delete', old.id, old.text);
              INSERT INTO statusSearch(rowid, text) VALUES (new.id, new.text);
            END;
            INSERT INTO statusSearch(statusSearch) VALUES ('rebuild');
            """)
    }

    /// Gives existing statuses their group: a group's own posts belong to it, and a reply belongs to
    /// its parent's group (or to its author, when that is a group and the parent has none).
    private static func backfillGroups(_ db: Database) throws {
        let groups = Set(try Int64.fetchAll(db, sql: "SELECT id FROM account WHERE isGroup"))
        let rows = try Row.fetchAll(db, sql: "SELECT id, accountId, inReplyToId FROM status ORDER BY id")
        var groupOf: [Int64: Int64] = [:]
        for row in rows {
            let id: Int64 = row["id"]
            let author: Int64 = row["accountId"]
            let parent: Int64? = row["inReplyToId"]
            if let group = parent.flatMap({ groupOf[$0] }) ?? (groups.contains(author) ? author : nil) {
                groupOf[id] = group
                try db.execute(sql: "UPDATE status SET groupId = ? WHERE id = ?", arguments: [group, id])
            }
        }
    }
}
