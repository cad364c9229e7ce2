import Foundation

/// The opaque cursor of a DokuWiki source, stored by the engine as JSON text.
///
/// `wiki.getRecentChanges(ts)` returns the newest change of every page changed at or after `ts`
/// (inclusive, second precision). The next poll asks from `newest − overlap`, so changes
/// written in the same second as the newest one, or logged late, are not missed; the revisions
/// already returned inside that window are remembered in `seen` and dropped when they come back.
///
/// ```json
/// {"newest":1714550553,"seen":["start@1714550553","wiki:syntax@1714550490"]}
/// ```
struct DokuWikiCursor: Codable, Equatable, Sendable {
    /// Unix seconds of the newest revision returned so far.
    var newest: Int
    /// `page@version` of the revisions returned with a version at or after `newest − overlap`.
    var seen: [String]

    init(newest: Int, seen: [String]) {
        self.newest = newest
        self.seen = seen
    }

    /// Reads a stored cursor; `nil` text is a first poll. Unreadable text is an error, not a
    /// silent first poll, because a first poll would record a baseline and skip changes.
    static func decode(_ text: String?) throws -> DokuWikiCursor? {
        guard let text else { return nil }
        return try JSONDecoder().decode(DokuWikiCursor.self, from: Data(text.utf8))
    }

    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The key `seen` remembers a revision by (also the item key).
    static func key(page: String, version: Int) -> String { "\(page)@\(version)" }
}
