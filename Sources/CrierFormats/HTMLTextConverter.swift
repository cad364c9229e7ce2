import CLibXML2

/// Converts HTML fragments to inert plain text (and collects `<img>` sources) with
/// libxml2's HTML parser in SAX mode: the callbacks write the text directly, no tree is built.
///
/// Setup, per instance:
/// - one libxml2 HTML parser context, reset and reused for every fragment (creating one
///   costs more than parsing a short title), with this type's SAX handler;
/// - options RECOVER (tag soup is the norm), NONET, NOERROR, NOWARNING, and IGNORE_ENC so a
///   `<meta charset>` cannot switch decoding away from UTF-8. Not NOIMPLIED: without the
///   implied `body`, libxml2 wraps loose text that follows an inline element in a `p` of its
///   own (`<b>a</b> b` would become two lines). Not NOBLANKS: it only drops whitespace
///   outside `body`, and keeping every space is the safe default;
/// - nothing is ever loaded: the handler has no `internalSubset`, `externalSubset`,
///   `getEntity` or `resolveEntity`, the input is an in-memory string, and the process-wide
///   entity loader refuses everything (``LibXML2Setup``);
/// - the input is first normalised by ``HTMLParserInput`` (HTML5 entity names, Windows-1252
///   character references), which libxml2 2.9 would otherwise misread.
///
/// Text that cannot contain markup (no `<`, and no `&` that could start a reference) skips
/// libxml2: there is nothing to parse, and most titles are like that.
///
/// Not thread-safe (libxml2 contexts are not): one instance per parse or per thread.
final class HTMLTextConverter {
    /// Text and image sources of one fragment.
    struct Result {
        var text: String
        var images: [String]
    }

    private static let options = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    private let context: htmlParserCtxtPtr?
    private let sink: UnsafeMutablePointer<HTMLTextSink>
    private var input = HTMLParserInput()

    init() {
        LibXML2Setup.ensureInitialized()
        sink = .allocate(capacity: 1)
        sink.initialize(to: HTMLTextSink())
        context = htmlNewParserCtxt()
        if let context {
            context.pointee.sax.pointee = Self.makeHandler()
            context.pointee.userData = UnsafeMutableRawPointer(sink)
        }
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
        sink.deinitialize(count: 1)
        sink.deallocate()
    }

    /// Converts UTF-8 HTML. `singleLine` is for titles.
    func convert(_ html: UnsafeBufferPointer<UInt8>, singleLine: Bool, wantImages: Bool) -> Result {
        sink.pointee.reset(singleLine: singleLine, wantImages: wantImages)
        guard let base = html.baseAddress, !html.isEmpty else { return Result(text: "", images: []) }
        if Self.cannotContainMarkup(html) {
            sink.pointee.out.append(base, html.count)
        } else {
            input.load(html)
            parse()
        }
        return Result(text: sink.pointee.out.take(), images: sink.pointee.images)
    }

    /// Runs libxml2 over the prepared input; the SAX callbacks fill ``sink``.
    private func parse() {
        guard let context else { return }  // no context (out of memory): no text
        htmlCtxtReset(context)
        htmlCtxtUseOptions(context, Self.options)
        // Reset leaves the charset unknown; UTF-8 it is, with no guessing.
        context.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
        // A string input stream reads our buffer in place: no copy, and no encoding switch
        // can apply to it (it has no raw input buffer).
        guard let stream = xmlNewStringInputStream(context, input.base) else { return }
        inputPush(context, stream)
        htmlParseDocument(context)
    }

    /// No `<` at all, and no `&` followed by a letter, digit or `#`: plain text as it is.
    static func cannotContainMarkup(_ html: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = html.baseAddress else { return true }
        let n = html.count
        if crier_memchr(p, 0x3C, n) != nil { return false }
        var i = 0
        while i < n, let hit = crier_memchr(p + i, 0x26, n - i) {
            let next = UnsafeRawPointer(hit) - UnsafeRawPointer(p) + 1
            if next < n {
                let b = p[next]
                let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
                if letter || b == 0x23 || (b >= 0x30 && b <= 0x39) { return false }
            }
            i = next
        }
        return true
    }

    /// The SAX handler: text, elements and nothing else. `initialized` is the SAX2 magic so
    /// that errors go to `serror` (which ignores them) rather than to a global handler.
    private static func makeHandler() -> htmlSAXHandler {
        var sax = htmlSAXHandler()
        sax.initialized = crier_sax2_magic()
        sax.startElement = { ctx, name, attributes in
            guard let ctx, let name else { return }
            ctx.assumingMemoryBound(to: HTMLTextSink.self).pointee.start(name, attributes)
        }
        sax.endElement = { ctx, _ in
            guard let ctx else { return }
            ctx.assumingMemoryBound(to: HTMLTextSink.self).pointee.end()
        }
        sax.characters = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            ctx.assumingMemoryBound(to: HTMLTextSink.self).pointee.characters(bytes, Int(count))
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.serror = { _, _ in }
        return sax
    }
}
