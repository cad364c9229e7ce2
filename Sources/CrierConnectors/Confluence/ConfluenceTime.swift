import Foundation

/// Confluence timestamps: `version.when` in, CQL date literals out.
///
/// `version.when` is ISO 8601 with milliseconds and an offset (Server/DC writes its own zone,
/// `2024-05-01T12:03:00.000+02:00`; Cloud writes `Z`). CQL date literals have minute precision
/// and no zone: the server reads them in the searching user's time zone. A literal written in
/// UTC would skip changes on a server east of UTC, so the literal is written in the offset the
/// server itself used in the newest `when` seen; the `overlap` option covers the rest (a user
/// whose profile zone differs from the server's, index lag).
enum ConfluenceTime {
    /// The instant, and the offset from UTC (seconds) it was written in.
    static func parse(_ text: String) -> (date: Date, offset: Int)? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return nil }
        return (date, offset(text))
    }

    /// `yyyy/MM/dd HH:mm` of `date` in `offset`, rounded down to the minute.
    static func cqlLiteral(_ date: Date, offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy/MM/dd HH:mm"
        return formatter.string(from: date)
    }

    /// `date` rounded down to the whole minute (in any zone with a whole-minute offset).
    static func floorToMinute(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// The offset written at the end of an ISO 8601 time: `Z`, `±HH:MM` or `±HHMM`.
    private static func offset(_ text: String) -> Int {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return 0 }
        let tail = Array(text.suffix(6))
        let digits: [Character]
        let sign: Character
        if tail.count == 6, tail[3] == ":", tail[0] == "+" || tail[0] == "-" {
            sign = tail[0]
            digits = Array(tail[1...2] + tail[4...5])
        } else if tail.count == 6, tail[1] == "+" || tail[1] == "-" {
            sign = tail[1]
            digits = Array(tail[2...5])
        } else {
            return 0
        }
        guard let hours = Int(String(digits[0...1])), let minutes = Int(String(digits[2...3])) else { return 0 }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }
}
