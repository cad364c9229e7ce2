/// The `Cache-Control` directives that matter to a polling client.
struct CacheControl: Equatable {
    /// `max-age` in seconds.
    var maxAge: Int64?
    /// `s-maxage` in seconds; used only when `max-age` is absent.
    var sharedMaxAge: Int64?
    /// `no-cache`: the response may be stored but must be revalidated, so it gives no lifetime.
    var noCache = false
    /// `no-store`: nothing may be kept.
    var noStore = false

    /// Parses every `Cache-Control` field value; repeated fields combine as if comma-joined.
    init(_ fieldValues: [String]) {
        for value in fieldValues {
            for directive in value.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1)
                guard let rawName = parts.first else { continue }
                let name = String(rawName).trimmingASCIIWhitespace().lowercased()
                let argument = parts.count > 1 ? Self.unquote(String(parts[1]).trimmingASCIIWhitespace()) : nil
                switch name {
                case "max-age": self.maxAge = self.maxAge ?? argument.flatMap(Self.seconds)
                case "s-maxage": self.sharedMaxAge = self.sharedMaxAge ?? argument.flatMap(Self.seconds)
                case "no-cache": self.noCache = true
                case "no-store": self.noStore = true
                default: continue
                }
            }
        }
    }

    /// Delta-seconds: digits only; values past `Int64` saturate as RFC 9111 §1.2.2 asks.
    private static func seconds(_ text: String) -> Int64? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(text) ?? Int64.max
    }

    /// Some servers quote the argument (`max-age="60"`), which RFC 9111 tolerates on receipt.
    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }
}
