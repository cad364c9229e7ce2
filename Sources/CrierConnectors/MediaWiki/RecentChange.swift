import Foundation

/// One row of `list=recentchanges` with `formatversion=2` and
/// `rcprop=title|ids|timestamp|user|comment|flags|sizes|loginfo`.
///
/// Fields the wiki hid (revision deletion: `userhidden`, `commenthidden`) or that a kind of change
/// lacks (sizes of a log entry) are optional.
struct RecentChange: Decodable, Sendable, Equatable {
    /// `edit`, `new` or `log` (the kinds a source can ask for).
    var type: String
    var namespace: Int
    var title: String
    var revisionId: Int?
    var oldRevisionId: Int?
    /// The row's id in the wiki's change log; unique and growing.
    var rcid: Int
    /// `nil` when hidden by revision deletion.
    var user: String?
    var isBot: Bool
    var isMinor: Bool
    var oldLength: Int?
    var newLength: Int?
    /// ISO 8601, seconds, UTC: `2026-06-28T22:48:47Z`.
    var timestamp: String
    var comment: String?
    var logId: Int?
    var logType: String?
    var logAction: String?
    /// The new title of a move.
    var moveTarget: String?

    private enum CodingKeys: String, CodingKey {
        case type, ns, title, revid, old_revid, rcid, user, bot, minor, oldlen, newlen, timestamp, comment
        case logid, logtype, logaction, logparams
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        namespace = try c.decodeIfPresent(Int.self, forKey: .ns) ?? 0
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        revisionId = try c.decodeIfPresent(Int.self, forKey: .revid)
        oldRevisionId = try c.decodeIfPresent(Int.self, forKey: .old_revid)
        rcid = try c.decode(Int.self, forKey: .rcid)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        isBot = try c.decodeIfPresent(Bool.self, forKey: .bot) ?? false
        isMinor = try c.decodeIfPresent(Bool.self, forKey: .minor) ?? false
        oldLength = try c.decodeIfPresent(Int.self, forKey: .oldlen)
        newLength = try c.decodeIfPresent(Int.self, forKey: .newlen)
        timestamp = try c.decode(String.self, forKey: .timestamp)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        logId = try c.decodeIfPresent(Int.self, forKey: .logid)
        logType = try c.decodeIfPresent(String.self, forKey: .logtype)
        logAction = try c.decodeIfPresent(String.self, forKey: .logaction)
        // PHP writes an empty parameter list as `[]`, a filled one as an object.
        moveTarget = (try? c.decodeIfPresent(LogParameters.self, forKey: .logparams))??.targetTitle
    }

    /// The time of the change, or `nil` when the wiki sent something unreadable.
    var date: Date? { MediaWikiTimestamp.parse(timestamp) }

    /// The `logparams` the connector reads: the new title of a move.
    private struct LogParameters: Decodable {
        var targetTitle: String?
        private enum CodingKeys: String, CodingKey { case target_title }
        init(from decoder: any Decoder) throws {
            targetTitle = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .target_title)
        }
    }
}

/// One page of `list=recentchanges`, with the continuation to pass back verbatim.
struct RecentChangesAnswer: Decodable, Sendable {
    struct Query: Decodable, Sendable {
        var recentchanges: [RecentChange]
    }
    var `continue`: [String: String]?
    var query: Query?
    /// The server's clock (`curtimestamp=1`), for the first cursor of an empty change log.
    var curtimestamp: String?
}

/// The wiki's timestamps: ISO 8601 in UTC, whole seconds.
enum MediaWikiTimestamp {
    static func parse(_ text: String) -> Date? { try? Date.ISO8601FormatStyle().parse(text) }
    static func format(_ date: Date) -> String { Date.ISO8601FormatStyle().format(date) }
}
