/// The Windows-1252 code page, which HTML5 (and so every browser) uses for documents that
/// say ISO-8859-1 or US-ASCII.
///
/// Why not plain Latin-1: feeds that declare ISO-8859-1 routinely contain 0x80-0x9F bytes
/// meant as curly quotes, dashes and the euro sign; Latin-1 would turn them into invisible
/// C1 controls.
enum Windows1252 {
    /// Scalars for bytes 0x80-0x9F; the five undefined bytes map to their C1 control.
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The Unicode scalar value of one Windows-1252 byte.
    @inline(__always)
    static func scalar(for byte: UInt8) -> UInt32 {
        if byte >= 0x80 && byte < 0xA0 { return UInt32(high[Int(byte) - 0x80]) }
        return UInt32(byte)
    }

    /// Transcodes a whole Windows-1252 document to UTF-8.
    static func decodeToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                UTF8Bytes.append(scalar: scalar(for: byte), to: &out)
            }
        }
        return out
    }
}
