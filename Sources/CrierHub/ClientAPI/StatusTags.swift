import Foundation
import GRDB

/// Hashtags and mentions found in status text, written at post time: `statusTag` rows for the tag
/// timeline, and `mention` notifications for local accounts named with `@username`.
enum StatusTags {
    /// The distinct hashtags of `text`, lowercased, in order: `#` not preceded by a word
    /// character, `/` or `)` (so URL fragments are not tags), then word characters with at least
    /// one letter (Mastodon's rule).
    static func hashtags(in text: String) -> [String] {
        names(in: text, sigil: "#").filter { name in name.contains { $0.isLetter } }
    }

    /// The distinct user names mentioned in `text` (`@alice`, or `@alice@host`, whose host is
    /// ignored: this hub has one domain), lowercased, in order.
    static func mentions(in text: String) -> [String] {
        names(in: text, sigil: "@")
    }

    private static func names(in text: String, sigil: Character) -> [String] {
        var found: [String] = []
        var previous: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == sigil, !(previous.map(isWord) ?? false), previous != "/", previous != ")" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex { !isWord($0) } ?? text.endIndex
                let name = text[start..<end].lowercased()
                if !name.isEmpty, !found.contains(name) { found.append(name) }
                // Skip the name and, for a mention, its `@host` part.
                var next = end
                if sigil == "@", next < text.endIndex, text[next] == "@" {
                    next = text[text.index(after: next)...].firstIndex { !isWord($0) && $0 != "." && $0 != "-" } ?? text.endIndex
                }
                previous = next > start ? text[text.index(before: next)] : character
                index = next
                continue
            }
            previous = character
            index = text.index(after: index)
        }
        return found
    }

    private static func isWord(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    /// Replaces the tag rows of a status with the hashtags of its current text.
    static func record(_ status: StatusRecord, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM statusTag WHERE statusId = ?", arguments: [status.rowID])
        for name in hashtags(in: status.text) {
            try db.execute(sql: "INSERT INTO statusTag (name, statusId) VALUES (?, ?)", arguments: [name, status.rowID])
        }
    }

    /// Everything a new status adds besides itself: its tag rows, and a `mention` notification
    /// for each local account it names (not the author; only for statuses others may read, and
    /// only for accounts that may see the status' group).
    static func afterInsert(_ status: StatusRecord, _ db: Database) throws {
        try record(status, db)
        guard Visibility(rawValue: status.visibility)?.isOpen == true else { return }
        for username in mentions(in: status.text) {
            guard let account = try AccountRecord.all().filter(username: username).fetchOne(db),
                account.rowID != status.accountId,
                try status.groupId.map({ try HubStore.canSee(accountId: $0, viewerId: account.rowID, db) }) ?? true
            else { continue }
            var notification = NotificationRecord(
                id: nil, accountId: account.rowID, type: "mention", fromAccountId: status.accountId,
                statusId: status.rowID, createdAt: status.createdAt
            )
            try notification.insert(db, onConflict: .ignore)
        }
    }
}
