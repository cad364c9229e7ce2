import Foundation

/// Where a `mediawiki` source stands in the wiki's change log; stored by the engine as an opaque
/// JSON string.
///
/// The change log is ordered by (timestamp, rcid), but a change can be committed a moment after a
/// later one got its timestamp. So each poll reads again from `timestamp − overlap`, and `seen`
/// remembers the rcids already returned inside that window: nothing is missed, nothing repeats.
/// When a poll stopped at its page limit, `resume` holds the wiki's continuation, and the next poll
/// carries on from exactly there.
///
/// ```json
/// {"rcid":1234,"seen":[{"rcid":1233,"time":1782686927},{"rcid":1234,"time":1782686927}],"timestamp":"2026-06-28T22:48:47Z","version":1}
/// ```
struct MediaWikiCursor: Codable, Sendable, Equatable {
    /// A change returned earlier, with its time in seconds since 1970.
    struct Seen: Codable, Sendable, Equatable {
        var rcid: Int
        var time: Int64
    }

    var version = 1
    /// The newest change time returned so far (the server's clock for an empty change log).
    var timestamp: String
    /// The rcid of the newest change returned (0 before the first).
    var rcid: Int
    /// The changes returned whose time lies within the overlap window before `timestamp`.
    var seen: [Seen]
    /// The wiki's `continue` object where the last poll stopped early; `nil` when it read to the end.
    var resume: [String: String]?
    /// The oldest change of a first poll that read only part of the overlap window: changes ordered
    /// before it predate the baseline and are never returned.
    var floor: Seen?

    /// Reads a stored cursor; `nil` for none or for one this version cannot read.
    init?(stored text: String?) {
        guard let text, let cursor = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)), cursor.version == 1 else { return nil }
        self = cursor
    }

    init(timestamp: String, rcid: Int, seen: [Seen], resume: [String: String]?) {
        self.timestamp = timestamp
        self.rcid = rcid
        self.seen = seen
        self.resume = resume
    }

    /// The text the engine stores: sorted keys, so the same cursor is always the same string.
    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Whether the change was returned by an earlier poll, or predates the first one.
    func hasSeen(_ change: RecentChange) -> Bool {
        if seen.contains(where: { $0.rcid == change.rcid }) { return true }
        guard let floor, let date = change.date else { return false }
        return (Int64(date.timeIntervalSince1970), change.rcid) < (floor.time, floor.rcid)
    }

    /// Where the next poll starts reading when it does not resume: `timestamp − overlap`.
    func readingStart(overlap: Duration) -> String {
        guard let date = MediaWikiTimestamp.parse(timestamp) else { return timestamp }
        return MediaWikiTimestamp.format(date.addingTimeInterval(-Double(Self.seconds(overlap))))
    }

    /// The cursor after `changes` (oldest first) were returned; a first cursor when `previous` is
    /// `nil`, which starts at `serverTime` when there were no changes at all.
    ///
    /// `isPartial` says that a first poll read only the newest changes, not all of the overlap
    /// window: its oldest change becomes the `floor`.
    static func after(
        _ previous: MediaWikiCursor?, changes: [RecentChange], overlap: Duration, resume: [String: String]?, serverTime: String?,
        isPartial: Bool = false
    ) -> MediaWikiCursor? {
        var newest: (timestamp: String, time: Int64, rcid: Int)?
        if let previous, let date = MediaWikiTimestamp.parse(previous.timestamp) {
            newest = (previous.timestamp, Int64(date.timeIntervalSince1970), previous.rcid)
        }
        var seen = previous?.seen ?? []
        for change in changes {
            guard let date = change.date else { continue }
            let time = Int64(date.timeIntervalSince1970)
            seen.append(Seen(rcid: change.rcid, time: time))
            if newest == nil || time > newest!.time || (time == newest!.time && change.rcid > newest!.rcid) {
                newest = (change.timestamp, time, change.rcid)
            }
        }
        if newest == nil, let serverTime, let date = MediaWikiTimestamp.parse(serverTime) {
            newest = (serverTime, Int64(date.timeIntervalSince1970), 0)
        }
        guard let newest else { return nil }
        let windowStart = newest.time - seconds(overlap)
        var unique: [Int: Seen] = [:]
        for entry in seen where entry.time >= windowStart { unique[entry.rcid] = entry }
        let kept = unique.values.sorted { ($0.time, $0.rcid) < ($1.time, $1.rcid) }
        var cursor = MediaWikiCursor(timestamp: newest.timestamp, rcid: newest.rcid, seen: kept, resume: resume)
        let floor = isPartial ? changes.first.flatMap { change in change.date.map { Seen(rcid: change.rcid, time: Int64($0.timeIntervalSince1970)) } } : previous?.floor
        // Once the window has moved past it, no read reaches back there any more.
        cursor.floor = floor.flatMap { $0.time >= windowStart ? $0 : nil }
        return cursor
    }

    /// Whole seconds, rounded up: the wiki's clock has no finer grain.
    private static func seconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
