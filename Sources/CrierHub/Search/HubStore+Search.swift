import GRDB

/// What to search for: words (each matched as a prefix, all required), optionally within one
/// group and by one author, as seen by a viewer.
struct SearchQuery: Sendable {
    var text: String
    var groupId: Int64?
    var authorId: Int64?
    var viewerId: Int64?
    var page: PageRequest
}

extension HubStore {
    /// Statuses matching a search through the FTS5 index `statusSearch`, newest first, restricted
    /// to what the viewer may see (visibility and closed groups). Without words, a group or author
    /// filter alone lists their statuses; with neither, nothing.
    func search(_ query: SearchQuery) async throws -> StatusPage {
        let pattern = Self.ftsPattern(query.text)
        guard pattern != nil || query.groupId != nil || query.authorId != nil else {
            return StatusPage(statuses: [], accounts: [:])
        }
        return try await pool.read { db in
            var request = StatusRecord.all().visible(to: query.viewerId)
            if let pattern {
                request = request.filter(
                    sql: "status.id IN (SELECT rowid FROM statusSearch WHERE statusSearch MATCH ?)", arguments: [pattern]
                )
            }
            if let groupId = query.groupId { request = request.filter(StatusRecord.Columns.groupId == groupId) }
            if let authorId = query.authorId { request = request.filter(StatusRecord.Columns.accountId == authorId) }
            return try Self.statusPage(query.page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }

    /// An FTS5 query from free text: each word becomes a quoted prefix phrase (`"word"*`), so that
    /// no input is read as FTS syntax; nil when there are no words.
    static func ftsPattern(_ text: String) -> String? {
        let words = text.split { $0.isWhitespace }.prefix(16).compactMap { word -> String? in
            let cleaned = String(word.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" || $0 == "." })
            let tokens = cleaned.split { !$0.isLetter && !$0.isNumber && $0 != "_" }
            guard !tokens.isEmpty else { return nil }
            return tokens.map { "\"\($0.replacing("\"", with: "\"\""))\"*" }.joined(separator: " ")
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// A group's top-level posts (its own and its members'), newest first, as `viewerId` sees them.
    func groupTimeline(groupId: Int64, viewerId: Int64?, page: PageRequest) async throws -> StatusPage {
        try await pool.read { db in
            let request = StatusRecord
                .filter(StatusRecord.Columns.groupId == groupId && StatusRecord.Columns.inReplyToId == nil)
                .visible(to: viewerId)
            return try Self.statusPage(page.fetch(request, idColumn: StatusRecord.Columns.id, db), db)
        }
    }
}
