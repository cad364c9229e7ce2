/// Whitespace trimming without Foundation.
///
/// Why: `trimmingCharacters(in:)` goes through NSString and UTF-16 on Linux and was the
/// single largest cost of a parse in profiles. Feeds only ever pad values with ASCII
/// whitespace, so trimming the bytes is enough.
enum Trim {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }

    /// The bytes without leading and trailing ASCII whitespace, as a String.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// `s` without leading and trailing ASCII whitespace (`s` itself when there is none).
    static func string(_ s: String) -> String {
        let utf8 = s.utf8
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return s }
        var copy = s
        return copy.withUTF8 { string($0) }
    }

    /// Trimmed, nil when nothing is left.
    static func nonEmpty(_ s: String) -> String? {
        let t = string(s)
        return t.isEmpty ? nil : t
    }

    /// Trimmed and ASCII-lowercased (attribute keywords such as `rel` and `type`).
    static func keyword(_ s: String) -> String {
        let t = string(s)
        guard t.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return t }
        return String(decoding: t.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
