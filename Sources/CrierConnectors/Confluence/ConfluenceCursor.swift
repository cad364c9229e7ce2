import Foundation

/// The opaque cursor of a Confluence source, stored by the engine as JSON text.
///
/// CQL's `lastmodified` has minute precision, so the next query starts at the minute of
/// `newest − overlap` (inclusive) and every change already returned from that minute on is
/// remembered in `seen` (key `<content id>@v<version>` → `version.when` in Unix milliseconds)
/// and dropped when the server repeats it.
///
/// ```json
/// {"newest":"2024-05-01T12:03:00.000+02:00","seen":{"393219@v3":1714557780000}}
/// ```
struct ConfluenceCursor: Codable, Equatable, Sendable {
    /// `version.when` of the newest change returned so far, exactly as the server wrote it.
    var newest: String
    var seen: [String: Int64]

    /// Reads a stored cursor; `nil` text is a first poll. Unreadable text is an error rather
    /// than a silent first poll, which would skip changes.
    static func decode(_ text: String?) throws -> ConfluenceCursor? {
        guard let text else { return nil }
        let cursor = try JSONDecoder().decode(ConfluenceCursor.self, from: Data(text.utf8))
        guard ConfluenceTime.parse(cursor.newest) != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "'\(cursor.newest)' is no time"))
        }
        return cursor
    }

    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Unix milliseconds, the unit `seen` stores.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
