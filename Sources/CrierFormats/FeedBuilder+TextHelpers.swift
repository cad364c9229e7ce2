import Foundation

/// Small conversions `FeedBuilder` applies to captured text and attributes.
extension FeedBuilder {

    /// Atom `type`: "html" and "xhtml" are markup, anything else ("text", absent) is text.
    static func atomMode(_ attributes: SAXAttributes) -> CaptureMode {
        switch attributes.value("type").map(Trim.keyword) {
        case "html", "text/html": return .html
        case "xhtml", "application/xhtml+xml": return .xhtml
        default: return .text
        }
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        Trim.string(bytes)
    }

    /// Inert single-line text (authors, categories).
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress else { return "" }
        var out = PlainTextBuilder(singleLine: true, capacity: bytes.count)
        out.append(base, bytes.count)
        return out.finish()
    }

    /// Inert single-line text from a string.
    static func plainText(_ s: String) -> String {
        var s = s
        return s.withUTF8 { plain($0) }
    }

    static func nonEmpty(_ s: String) -> String? {
        Trim.nonEmpty(s)
    }

    /// RSS `<author>` is "email (Name)" by the spec; keep the name when there is one.
    /// (Byte-level: `Character` iteration showed up in profiles.)
    static func authorName(_ value: String) -> String? {
        let utf8 = value.utf8
        if utf8.last == 0x29, let open = utf8.firstIndex(of: 0x28), utf8[..<open].contains(0x40) {
            let name = utf8[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)]
            if let n = nonEmpty(String(Substring(name))) { return n }
        }
        return nonEmpty(value)
    }
}
