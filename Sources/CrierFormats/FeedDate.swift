public import Foundation

/// Reads the dates feeds write, which follow their RFCs only loosely.
///
/// Accepted:
/// - RFC 822/1123/850 and asctime shapes: optional day name, day and month in either order,
///   `-` or space separators, 2- or 4-digit years (00-49 → 20xx, 50-99 → 19xx), optional
///   seconds, single-digit fields, AM/PM, named zones (GMT, UT, UTC, Z, EST/EDT, CST/CDT,
///   MST/MDT, PST/PDT and a few European ones), military letters (read as UTC), `+hhmm`,
///   `+hh:mm`, `GMT+1`; no zone at all means UTC.
/// - RFC 3339 / ISO 8601: `T`, `t` or a space between date and time, any number of
///   fractional digits, `Z`/`z`, offsets with or without a colon, date only.
/// - Bare Unix epoch seconds (9 digits or more; 13 digits are read as milliseconds).
///
/// Why hand-written: a `DateFormatter` costs tens of microseconds to create and several to
/// run, feeds need a dozen patterns tried in turn, and formatters are not safe to share
/// across threads without locking. This parser is one allocation-free pass over the bytes.
public enum FeedDate {
    /// Parses a feed date; nil when the text is not a date this parser understands.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Parses UTF-8 bytes (what the SAX handler has at hand).
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var s = bytes[...]
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        guard !s.isEmpty else { return nil }
        if s.allSatisfy(isDigit) { return epoch(s) }
        if s.count >= 10, s.prefix(4).allSatisfy(isDigit), s[s.startIndex + 4] == 0x2D {
            return rfc3339(s)
        }
        return rfc822(s)
    }

    // MARK: Epoch

    private static func epoch(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Date? {
        guard s.count >= 9, s.count <= 13 else { return nil }
        var value: Int64 = 0
        for b in s { value = value * 10 + Int64(b - 0x30) }
        return Date(timeIntervalSince1970: s.count == 13 ? Double(value) / 1000 : Double(value))
    }

    // MARK: RFC 3339

    private static func rfc3339(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Date? {
        var r = Reader(s)
        guard let year = r.number(exactly: 4), r.skip(0x2D),
              let month = r.number(upTo: 2), r.skip(0x2D),
              let day = r.number(upTo: 2)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if let b = r.peek, b == 0x54 || b == 0x74 || b == 0x20 {
            r.advance()
            guard let h = r.number(upTo: 2), r.skip(0x3A), let m = r.number(upTo: 2) else {
                return r.atEnd ? make(year, month, day, 0, 0, 0, 0, 0) : nil
            }
            hour = h
            minute = m
            if r.skip(0x3A) {
                guard let sec = r.number(upTo: 2) else { return nil }
                second = sec
                if r.skip(0x2E) || r.skip(0x2C) { fraction = r.fraction() }
            }
            r.skipSpaces()
            guard let zone = r.zone() else { return nil }
            offset = zone
        }
        r.skipSpaces()
        guard r.atEnd else { return nil }
        return make(year, month, day, hour, minute, second, fraction, offset)
    }

    // MARK: RFC 822 and relatives

    private static func rfc822(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Date? {
        var r = Reader(s)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var sawTime = false
        var offset = 0
        var pm: Bool?
        while !r.atEnd {
            guard let b = r.peek else { break }
            if isDigit(b) {
                let start = r.index
                guard let value = r.number(upTo: 4) else { return nil }
                let digits = r.index - start
                if r.peek == 0x3A && !sawTime {
                    // A time: H:M[:S[.frac]]
                    hour = value
                    r.advance()
                    guard let m = r.number(upTo: 2) else { return nil }
                    minute = m
                    if r.skip(0x3A) {
                        guard let sec = r.number(upTo: 2) else { return nil }
                        second = sec
                        if r.skip(0x2E) { _ = r.fraction() }
                    }
                    sawTime = true
                } else if digits >= 3 || value > 31 {
                    guard year == nil else { return nil }
                    year = value
                } else if day == nil {
                    day = value
                } else if year == nil {
                    year = digits <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
                } else {
                    return nil
                }
            } else if isLetter(b) {
                let word = r.word()
                if let m = monthNumber(word) {
                    guard month == nil else { return nil }
                    month = m
                } else if isDayName(word) {
                    continue
                } else if word == Word("am") || word == Word("pm") {
                    pm = word == Word("pm")
                } else if let zone = zoneOffset(word) {
                    offset = zone
                    if let sign = r.peek, sign == 0x2B || sign == 0x2D, let extra = r.zone() {
                        offset = extra  // "GMT+0100"
                    }
                } else if word == Word("at") || word == Word("of") {
                    continue
                } else {
                    return nil
                }
            } else if (b == 0x2B || b == 0x2D) && sawTime {
                guard let zone = r.zone() else { return nil }
                offset = zone
            } else if b == 0x2C || b == 0x2D || b == 0x20 || b == 0x09 || b == 0x2E || b == 0x2F {
                r.advance()
            } else if b == 0x28 {
                // "(PST)" comments after the offset.
                while let c = r.peek, c != 0x29 { r.advance() }
                r.advance()
            } else {
                return nil
            }
        }
        guard let day, let month, var year else { return nil }
        if year < 100 { year = year < 50 ? 2000 + year : 1900 + year }
        if let pm {
            guard hour >= 1 && hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        return make(year, month, day, hour, minute, second, 0, offset)
    }

    // MARK: Helpers

    /// Builds the date, validating ranges; `offset` is in seconds east of UTC.
    private static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
        _ fraction: Double, _ offset: Int
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour),
              (0...59).contains(minute), (0...60).contains(second), year >= 1, year <= 9999
        else { return nil }
        // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// A word of a date, lowercase, its first eight letters packed little-endian.
    struct Word: Equatable {
        var packed: UInt64 = 0
        var length = 0

        init() {}

        init(_ s: StaticString) {
            for i in 0..<s.utf8CodeUnitCount where i < 8 { packed |= UInt64(s.utf8Start[i]) << (8 * UInt64(i)) }
            length = s.utf8CodeUnitCount
        }
    }

    private static let monthWords: [(Word, Int)] = {
        var list: [(Word, Int)] = []
        let short: [StaticString] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let full: [StaticString] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"]
        for (i, name) in short.enumerated() { list.append((Word(name), i + 1)) }
        for (i, name) in full.enumerated() { list.append((Word(name), i + 1)) }
        list.append((Word("sept"), 9))
        return list
    }()

    private static let dayWords: [Word] = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "tues", "thur", "thurs",
    ].map { (s: StaticString) in Word(s) }

    private static let zoneWords: [(Word, Int)] = [
        ("gmt", 0), ("ut", 0), ("utc", 0), ("z", 0), ("wet", 0),
        ("edt", -4), ("est", -5), ("cdt", -5), ("cst", -6), ("mdt", -6), ("mst", -7), ("pdt", -7),
        ("pst", -8), ("akst", -9), ("akdt", -8), ("hst", -10),
        ("bst", 1), ("cet", 1), ("west", 1), ("cest", 2), ("eet", 2), ("eest", 3), ("msk", 3),
    ].map { (name: StaticString, hours: Int) in (Word(name), hours * 3600) }

    private static func monthNumber(_ word: Word) -> Int? {
        monthWords.first { $0.0 == word }?.1
    }

    private static func isDayName(_ word: Word) -> Bool {
        dayWords.contains(word)
    }

    /// Offsets of zone names, in seconds east of UTC.
    private static func zoneOffset(_ word: Word) -> Int? {
        if let known = zoneWords.first(where: { $0.0 == word }) { return known.1 }
        // RFC 822 military zones: their signs were specified backwards and are unreliable
        // in practice, so RFC 2822 says to read them as UTC; so do we.
        return word.length == 1 && word != Word("j") ? 0 : nil
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// A cursor over the date bytes.
    private struct Reader {
        let s: Slice<UnsafeBufferPointer<UInt8>>
        var index: Int

        init(_ s: Slice<UnsafeBufferPointer<UInt8>>) {
            self.s = s
            index = s.startIndex
        }

        var atEnd: Bool { index >= s.endIndex }
        var peek: UInt8? { atEnd ? nil : s[index] }
        mutating func advance() { index += 1 }

        mutating func skip(_ b: UInt8) -> Bool {
            guard peek == b else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while let b = peek, b == 0x20 || b == 0x09 { index += 1 }
        }

        /// 1...`maxDigits` digits.
        mutating func number(upTo maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, let b = peek, isDigit(b) {
                value = value * 10 + Int(b - 0x30)
                index += 1
                count += 1
            }
            return count == 0 ? nil : value
        }

        mutating func number(exactly digits: Int) -> Int? {
            let start = index
            guard let v = number(upTo: digits), index - start == digits else { return nil }
            return v
        }

        /// Fractional seconds, any number of digits.
        mutating func fraction() -> Double {
            var value = 0.0
            var scale = 0.1
            while let b = peek, isDigit(b) {
                value += Double(b - 0x30) * scale
                scale /= 10
                index += 1
            }
            return value
        }

        /// A lowercase ASCII word, packed (no allocation: this runs for every date).
        mutating func word() -> Word {
            var w = Word()
            while let b = peek, isLetter(b) {
                if w.length < 8 { w.packed |= UInt64(b | 0x20) << (8 * UInt64(w.length)) }
                w.length += 1
                index += 1
            }
            if peek == 0x2E { index += 1 }  // "Sept." "Mon."
            return w
        }

        /// `Z`, `+hh:mm`, `+hhmm`, `+hh`, `+h`, a zone name, or nothing (UTC).
        mutating func zone() -> Int? {
            guard let b = peek else { return 0 }
            if b == 0x5A || b == 0x7A {
                index += 1
                return 0
            }
            if b == 0x2B || b == 0x2D {
                let sign = b == 0x2D ? -1 : 1
                index += 1
                let start = index
                guard let first = number(upTo: 4) else { return nil }
                let digits = index - start
                var hours = first, minutes = 0
                if digits > 2 {
                    hours = first / 100
                    minutes = first % 100
                } else if skip(0x3A) {
                    guard let m = number(upTo: 2) else { return nil }
                    minutes = m
                }
                guard hours <= 14, minutes < 60 else { return nil }
                return sign * (hours * 3600 + minutes * 60)
            }
            if isLetter(b) {
                return FeedDate.zoneOffset(word())
            }
            return nil
        }
    }
}
