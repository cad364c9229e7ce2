import CLibXML2

/// The baseline: libxml2's SAX2 push parser with empty callbacks and the same options and
/// chunk size as `FeedParser` (NONET | RECOVER | NOERROR | NOWARNING | NOCDATA | COMPACT,
/// 256 KiB chunks). Nothing is done with the events, so this is the practical ceiling for
/// any feed parser built on libxml2.
enum RawSAX {
    static let options = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
    static let chunkSize = 256 * 1024

    /// Parses `bytes`; returns the number of start-element events (so the work is observable).
    static func parse(_ bytes: [UInt8]) -> Int {
        var sax = xmlSAXHandler()
        sax.initialized = crier_sax2_magic()
        sax.startElementNs = { ctx, _, _, _, _, _, _, _, _ in
            ctx?.assumingMemoryBound(to: Int.self).pointee += 1
        }
        sax.endElementNs = { _, _, _, _ in }
        sax.characters = { _, _, _ in }
        var count = 0
        withUnsafeMutablePointer(to: &count) { counter in
            guard let context = xmlCreatePushParserCtxt(&sax, counter, nil, 0, nil) else { return }
            defer { xmlFreeParserCtxt(context) }
            xmlCtxtUseOptions(context, options)
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    var offset = 0
                    while offset < chars.count {
                        let length = min(chunkSize, chars.count - offset)
                        xmlParseChunk(context, chars.baseAddress! + offset, Int32(length), offset + length == chars.count ? 1 : 0)
                        offset += length
                    }
                }
            }
        }
        return count
    }
}
