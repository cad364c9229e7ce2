import CLibXML2

/// Runs libxml2's SAX2 push parser over a prepared document, feeding ``FeedSAXHandler``.
///
/// Why the push parser: it honours RECOVER (xmlTextReader does not, and loses a whole feed on
/// one bad entity), and with SAX callbacks no tree is ever built.
///
/// Safety, in layers:
/// - options NONET, RECOVER, NOERROR, NOWARNING, NOCDATA, COMPACT; never NOENT, DTDLOAD or
///   HUGE, so no external DTD is loaded and libxml2's size and depth limits stay on;
/// - the SAX handler has no `getEntity`, `getParameterEntity`, `externalSubset` or default
///   `entityDecl`, so DTD-declared entities are never stored, hence never expanded: XXE and
///   billion laughs both reduce to an undefined-entity warning;
/// - the process-wide external entity loader refuses everything (``LibXML2Setup``).
enum SAXPushParser {
    /// The parse options (plus IGNORE_ENC when the sniffer decided the encoding).
    static let options = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Bytes handed to libxml2 per `xmlParseChunk` call. Large enough that call overhead
    /// vanishes, small enough that libxml2's own input buffer stays small.
    static let chunkSize = 256 * 1024

    /// What a parse produced.
    struct Outcome {
        var feed: Feed?
        var rootName: String?
        var rejectedRoot: Bool
        var errors: XMLErrorLog
    }

    /// Parses `document`, returning the mapped feed (nil when no root element was seen).
    static func parse(_ document: PreparedXML, baseURL: String?) -> Outcome {
        LibXML2Setup.ensureInitialized()
        var sax = xmlSAXHandler()
        sax.initialized = crier_sax2_magic()
        sax.startElementNs = { ctx, local, _, uri, _, _, attributeCount, _, attributes in
            guard let ctx, let local else { return }
            ctx.assumingMemoryBound(to: FeedSAXHandler.self).pointee.startElement(
                local: local, uri: uri,
                attributes: SAXAttributes(pointers: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { ctx, local, _, _ in
            guard let ctx, let local else { return }
            ctx.assumingMemoryBound(to: FeedSAXHandler.self).pointee.endElement(local: local)
        }
        sax.characters = { ctx, bytes, count in
            guard let ctx, let bytes else { return }
            ctx.assumingMemoryBound(to: FeedSAXHandler.self).pointee.characters(bytes, Int(count))
        }
        sax.cdataBlock = sax.characters
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            ctx.assumingMemoryBound(to: FeedSAXHandler.self).pointee.error(error)
        }
        sax.entityDecl = { ctx, _, _, _, _, _ in
            guard let ctx else { return }
            ctx.assumingMemoryBound(to: FeedSAXHandler.self).pointee.entityDeclared()
        }

        guard let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
            return Outcome(feed: nil, rootName: nil, rejectedRoot: false, errors: XMLErrorLog())
        }
        defer { xmlFreeParserCtxt(context) }
        // The handler lives at a fixed address for libxml2's userData; callbacks reach it
        // through the pointer, with no reference counting or exclusivity bookkeeping.
        let handler = UnsafeMutablePointer<FeedSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: FeedSAXHandler(context: context, baseURL: baseURL))
        defer {
            handler.deinitialize(count: 1)
            handler.deallocate()
        }
        context.pointee.userData = UnsafeMutableRawPointer(handler)
        var options = Self.options
        if document.forceUTF8 { options |= Int32(bitPattern: XML_PARSE_IGNORE_ENC.rawValue) }
        xmlCtxtUseOptions(context, options)
        if let name = document.encodingOverride, let encoding = xmlFindCharEncodingHandler(name) {
            xmlSwitchToEncoding(context, encoding)
        }

        do {
            document.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let start = chars.baseAddress else { return }
                    var offset = 0
                    while offset < chars.count {
                        let length = min(chunkSize, chars.count - offset)
                        let last = offset + length == chars.count
                        xmlParseChunk(context, start + offset, Int32(length), last ? 1 : 0)
                        offset += length
                        if context.pointee.instate == XML_PARSER_EOF { break }
                    }
                }
            }
        }
        let feed = handler.pointee.rootName == nil || handler.pointee.rejectedRoot
            ? nil : handler.pointee.builder.makeFeed(warnings: [])
        return Outcome(
            feed: feed, rootName: handler.pointee.rootName, rejectedRoot: handler.pointee.rejectedRoot,
            errors: handler.pointee.errors)
    }
}
