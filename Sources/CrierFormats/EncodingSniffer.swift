import CLibXML2
import Foundation

/// An XML document made ready for libxml2: bytes plus how libxml2 must decode them.
struct PreparedXML {
    /// The bytes to parse.
    var bytes: [UInt8]
    /// Parse as UTF-8 whatever the XML declaration says (`XML_PARSE_IGNORE_ENC`).
    var forceUTF8: Bool
    /// An encoding libxml2 must switch to before parsing (from the HTTP charset), if any.
    var encodingOverride: String?
    /// Whether `&` and `<` are single ASCII bytes in this encoding, so byte-level rewriting
    /// is safe.
    var asciiCompatible: Bool
    /// What was repaired on the way.
    var warnings: [String]
}

/// Decides how to decode a feed, because declared encodings are often wrong.
///
/// Rules, in order:
/// 1. A UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8 whatever is declared: a
///    document that says ISO-8859-1 but is valid UTF-8 with non-ASCII bytes is almost
///    never really Latin-1.
/// 2. A UTF-16 BOM (or the UTF-16 shape of `<?`) means UTF-16; it is transcoded here.
/// 3. Otherwise a Latin-1 family label (XML declaration first, else the HTTP charset)
///    means Windows-1252, transcoded here (see ``Windows1252``).
/// 4. No label or a UTF-8 label means broken UTF-8: ill-formed sequences become U+FFFD.
/// 5. Any other label libxml2 knows (KOI8-R, Shift_JIS, ...) is left to libxml2 and iconv.
enum EncodingSniffer {
    /// Prepares `data` for the push parser.
    ///
    /// - Parameter careful: scan every byte even when the document says (or defaults to)
    ///   UTF-8. Not needed on a first attempt: libxml2 reports ill-formed UTF-8 and illegal
    ///   control characters as fatal errors, and ``FeedParser`` then parses again with this
    ///   set. Documents that declare another encoding are always scanned, to catch the
    ///   common lie of UTF-8 declared as Latin-1.
    static func prepare(_ data: [UInt8], contentType: String?, careful: Bool = true) -> PreparedXML {
        var bytes = data
        var warnings: [String] = []

        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if let utf16 = decodeUTF16IfPresent(bytes) {
            return PreparedXML(
                bytes: finish(utf16, &warnings), forceUTF8: true, encodingOverride: nil,
                asciiCompatible: true, warnings: warnings)
        }

        let declared = declaredEncoding(bytes)
        if !careful, declared.map(isUTF8) ?? true {
            return PreparedXML(
                bytes: bytes, forceUTF8: true, encodingOverride: nil, asciiCompatible: true, warnings: [])
        }
        let scan = bytes.withUnsafeBufferPointer { UTF8Bytes.scan($0) }
        if scan.isValid {
            if scan.hasNonASCII, let declared, !isUTF8(declared) {
                warnings.append("declared encoding \(declared) but the document is UTF-8; read as UTF-8")
            }
            if scan.hasIllegalControls {
                bytes = UTF8Bytes.replacingIllegalControls(bytes)
                warnings.append("control characters not allowed in XML replaced with spaces")
            }
            return PreparedXML(
                bytes: bytes, forceUTF8: true, encodingOverride: nil, asciiCompatible: true,
                warnings: warnings)
        }

        let httpCharset = contentType.flatMap(charset(inContentType:))
        let label = declared ?? httpCharset
        if let label, isLatin1Family(label) {
            return PreparedXML(
                bytes: finish(Windows1252.decodeToUTF8(bytes), &warnings), forceUTF8: true,
                encodingOverride: nil, asciiCompatible: true, warnings: warnings)
        }
        if let label, !isUTF8(label), libxml2Knows(label) {
            return PreparedXML(
                bytes: bytes, forceUTF8: false,
                encodingOverride: declared == nil ? label : nil,
                asciiCompatible: isASCIICompatible(label), warnings: warnings)
        }
        if let label, !isUTF8(label) {
            warnings.append("unknown encoding \(label); read as UTF-8")
        }
        warnings.append("invalid UTF-8 replaced with U+FFFD")
        return PreparedXML(
            bytes: finish(UTF8Bytes.repaired(bytes), &warnings), forceUTF8: true,
            encodingOverride: nil, asciiCompatible: true, warnings: warnings)
    }

    /// Replaces XML-illegal controls in freshly transcoded UTF-8.
    private static func finish(_ bytes: [UInt8], _ warnings: inout [String]) -> [UInt8] {
        let scan = bytes.withUnsafeBufferPointer { UTF8Bytes.scan($0) }
        guard scan.hasIllegalControls else { return bytes }
        warnings.append("control characters not allowed in XML replaced with spaces")
        return UTF8Bytes.replacingIllegalControls(bytes)
    }

    /// Transcodes UTF-16 (with a BOM, or starting with `<` as UTF-16) to UTF-8.
    private static func decodeUTF16IfPresent(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 4 else { return nil }
        let bigEndian: Bool
        var start = 0
        switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
        case (0xFE, 0xFF, _, _): bigEndian = true; start = 2
        case (0xFF, 0xFE, _, _): bigEndian = false; start = 2
        case (0x00, 0x3C, 0x00, _): bigEndian = true
        case (0x3C, 0x00, _, 0x00): bigEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var i = start
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The `encoding` pseudo-attribute of the XML declaration, lowercased, if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let prefix = Array(bytes.prefix(512))
        guard prefix.starts(with: Array("<?xml".utf8)),
              let end = firstIndex(of: Array("?>".utf8), in: prefix),
              let key = firstIndex(of: Array("encoding".utf8), in: Array(prefix[..<end]))
        else { return nil }
        var i = key + 8
        while i < end, prefix[i] == 0x20 || prefix[i] == 0x3D || prefix[i] == 0x09 { i += 1 }
        guard i < end, prefix[i] == 0x22 || prefix[i] == 0x27 else { return nil }
        let quote = prefix[i]
        var j = i + 1
        while j < end, prefix[j] != quote { j += 1 }
        let name = String(decoding: prefix[(i + 1)..<j], as: UTF8.self)
        return name.isEmpty ? nil : name.lowercased()
    }

    /// The `charset` parameter of a Content-Type header value, lowercased, if any.
    static func charset(inContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
            else { continue }
            let charset = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return charset.isEmpty ? nil : charset.lowercased()
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count)
        where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    /// Lowercase with `-`, `_` and spaces removed, so "ISO_8859-1" matches "iso88591".
    private static func squeezed(_ label: String) -> String {
        String(label.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " })
    }

    static func isUTF8(_ label: String) -> Bool {
        let s = squeezed(label)
        return s == "utf8" || s == "unicode11utf8" || s == "xunicode20utf8"
    }

    static func isLatin1Family(_ label: String) -> Bool {
        let latin1: Set<String> = [
            "iso88591", "iso885911987", "latin1", "l1", "usascii", "ascii", "windows1252",
            "cp1252", "xcp1252", "ibm819", "cp819", "isoir100", "csisolatin1", "ansix3.41968",
        ]
        return latin1.contains(squeezed(label))
    }

    private static func isASCIICompatible(_ label: String) -> Bool {
        let s = squeezed(label)
        return !["utf16", "utf32", "ucs", "iso2022", "ebcdic", "ibm037", "cp037", "utf7"]
            .contains { s.hasPrefix($0) }
    }

    /// Whether libxml2 (natively or through iconv) can decode this label.
    private static func libxml2Knows(_ label: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(label) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
