internal import CCurl
internal import Glibc

/// HTTP-date handling without Foundation: libcurl already ships a lenient parser that accepts the
/// IMF-fixdate, RFC 850 and asctime forms that RFC 9110 requires recipients to understand.
enum HTTPDate {
    /// Seconds since the Unix epoch for an HTTP-date, or `nil` if it does not parse.
    static func parse(_ text: String) -> Int64? {
        let value = curl_getdate(text, nil)
        return value == -1 ? nil : Int64(value)
    }

    /// The current wall-clock time in seconds since the Unix epoch.
    static func now() -> Int64 {
        Int64(time(nil))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CRs and LFs (header lines end in CRLF).
    /// Works on bytes: as a `Character`, "\r\n" is one grapheme that equals neither "\r" nor "\n".
    func trimmingASCIIWhitespace() -> String {
        let bytes = self.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    /// The string with CR and LF removed, so a caller's header value can never inject another header.
    func removingLineBreaks() -> String {
        guard self.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return self }
        return String(decoding: self.utf8.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    }
}

extension Character {
    /// `0`…`9` only; `Character.isNumber` would also accept other scripts' digits and fractions.
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
