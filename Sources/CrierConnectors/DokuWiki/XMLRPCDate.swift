import Foundation

/// XML-RPC `dateTime.iso8601` values.
///
/// The spec's form is `20220731T14:08:55` (no zone; servers mean their local time, PHP's IXR
/// library UTC); newer PHP IXR versions write full ISO 8601 (`2022-07-31T14:08:55+00:00`).
/// Both are read; a value without a zone is taken as UTC.
enum XMLRPCDate {
    static func parse(_ text: String) -> Date? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Compact date part: 20220731T… → 2022-07-31T…
        if s.count >= 9, s[s.index(s.startIndex, offsetBy: 8)] == "T", s.prefix(8).allSatisfy(\.isNumber) {
            let digits = Array(s.prefix(8))
            s = String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8]) + s.dropFirst(8)
        }
        let hasZone = s.hasSuffix("Z") || s.dropFirst(19).contains("+") || s.dropFirst(19).contains("-")
        if !hasZone { s += "Z" }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: s) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: s)
    }

    /// The spec's compact form, in UTC.
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HH:mm:ss"
        return formatter.string(from: date)
    }
}
