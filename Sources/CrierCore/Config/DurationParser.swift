/// Parses the duration strings of the configuration: a sequence of whole numbers with units.
///
/// Units are `ms`, `s`, `m`, `h` and `d`; components add up, so `"1h30m"` is 90 minutes.
/// Bare numbers are rejected on purpose: `interval = "600"` could mean seconds or minutes.
///
/// ```swift
/// DurationParser.parse("90s")    // .seconds(90)
/// DurationParser.parse("1h30m")  // .seconds(5400)
/// DurationParser.parse("500ms")  // .milliseconds(500)
/// DurationParser.parse("10")     // nil
/// ```
public enum DurationParser {
    /// The duration `text` denotes, or `nil` when it is not a valid duration.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var milliseconds: Int64 = 0
        var sawComponent = false
        while true {
            rest = rest.drop(while: isBlank)
            if rest.isEmpty { break }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count).drop(while: isBlank)
            // Units are lowercase only: "10M" might mean months to someone.
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let factor = millisecondsPerUnit[String(unit)] else { return nil }
            let (component, overflow) = number.multipliedReportingOverflow(by: factor)
            let (sum, sumOverflow) = milliseconds.addingReportingOverflow(component)
            guard !overflow, !sumOverflow else { return nil }
            milliseconds = sum
            sawComponent = true
        }
        return sawComponent ? .milliseconds(milliseconds) : nil
    }

    /// `duration` written the way the configuration writes it, e.g. `"1h30m"`, `"500ms"`, `"0s"`.
    ///
    /// Used in messages ("must be at least 10s") and status output; sub-millisecond parts are dropped.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var remaining = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard remaining > 0 else { return "0s" }
        var text = ""
        for (unit, factor) in formatUnits where remaining >= factor {
            text += "\(remaining / factor)\(unit)"
            remaining %= factor
        }
        return text
    }

    private static let millisecondsPerUnit: [String: Int64] = [
        "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]

    private static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    private static let formatUnits: [(String, Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]
}

/// Parses byte sizes: an integer count of bytes, or a string with a unit.
///
/// Binary units (`KiB`, `MiB`, `GiB`) are powers of 1024, decimal ones (`KB`, `MB`, `GB`) powers
/// of 1000, and `B` is bytes; case is ignored, so `"15mib"` works too.
///
/// ```swift
/// ByteSizeParser.parse("15MiB")  // 15_728_640
/// ByteSizeParser.parse("512 KB") // 512_000
/// ```
public enum ByteSizeParser {
    /// The number of bytes `text` denotes, or `nil` when it is not a valid size.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingSpaces().lowercased()
        guard let factor = bytesPerUnit[unit] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? nil : bytes
    }

    private static let bytesPerUnit: [String: Int] = [
        "": 1, "b": 1,
        "kb": 1000, "mb": 1000 * 1000, "gb": 1000 * 1000 * 1000,
        "kib": 1024, "mib": 1024 * 1024, "gib": 1024 * 1024 * 1024,
    ]
}

fileprivate extension StringProtocol {
    /// The text without leading and trailing spaces and tabs; avoids Foundation for one call.
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
