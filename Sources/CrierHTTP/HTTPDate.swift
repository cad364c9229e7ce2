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
    /// The string without leading and trailing spaces and tabs (and CR/LF, which header lines end with).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = self.firstIndex(where: { !isSpace($0) }),
            let end = self.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}

extension Character {
    /// `0`…`9` only; `Character.isNumber` would also accept other scripts' digits and fractions.
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
