import CLibXML2

/// How the text of an element being captured is to be read once it ends.
enum CaptureMode: UInt8 {
    /// Not capturing.
    case none
    /// Plain text; nested elements contribute their text only.
    case text
    /// HTML source as text (escaped or CDATA); stray nested elements are re-serialised so
    /// their links and images survive.
    case html
    /// Atom `type="xhtml"`: the child elements *are* the content and are serialised back to
    /// markup, with their text escaped.
    case xhtml
}

/// Receives libxml2's SAX2 events and keeps the per-element bookkeeping cheap.
///
/// Why a separate type from the mapping: the callbacks run for every element and every
/// text run of the document, so this type does only what must happen per event (classify
/// the element by pointer, track depth and `xml:base`, append text bytes to one reusable
/// buffer) and calls ``FeedBuilder`` only for elements that matter. Text is decoded to
/// `String` once, when a captured element ends.
///
/// Why a struct reached through a raw pointer (see ``SAXPushParser``): stored properties of
/// a class pay a dynamic exclusivity check and reference counting on every access, which
/// in profiles cost more than libxml2's own tokenising.
struct FeedSAXHandler: ~Copyable {
    /// The parser context, for stopping early.
    var context: xmlParserCtxtPtr?
    /// Element classification, built for this context's dictionary.
    var names: FeedNameTable
    /// The RSS/Atom mapping.
    var builder: FeedBuilder
    /// Local name of the root element, once seen.
    private(set) var rootName: String?
    /// True when the root is not a feed and parsing was stopped.
    private(set) var rejectedRoot = false
    /// Problems libxml2 reported, first few only.
    private(set) var errors = XMLErrorLog()

    private var stack: [FeedElement] = []
    private var depth = 0
    private var rootEnded = false
    private var capture = CaptureMode.none
    private var captureDepth = 0
    private var text = ByteBuffer(capacity: 16 * 1024)
    /// `xml:base` values in effect: (depth of the element that set it, resolved base).
    private var bases: [(depth: Int, base: String?)] = []
    private let documentBase: String?

    init(context: xmlParserCtxtPtr, baseURL: String?) {
        self.context = context
        self.names = FeedNameTable(dict: context.pointee.dict)
        self.documentBase = baseURL
        self.builder = FeedBuilder(baseURL: baseURL)
        stack.reserveCapacity(64)
    }

    /// The base URI in effect for the current element.
    var currentBase: String? { bases.last?.base ?? documentBase }

    // MARK: SAX events

    @inline(__always)
    mutating func startElement(
        local: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
        attributes: SAXAttributes
    ) {
        depth += 1
        if rootEnded { return }
        if capture != .none {
            if capture != .text { serializeStartTag(local, attributes) }
            return
        }
        let element = names.element(local: UnsafeRawPointer(local), uri: uri.map(UnsafeRawPointer.init))
        if attributes.count > 0, let base = attributes.value("base", prefix: names.xmlPrefix) {
            bases.append((depth, builder.resolver.resolve(base, against: currentBase)))
        }
        let parent = stack.last ?? .other
        stack.append(element)
        if depth == 1 {
            rootName = String(cString: local)
            if !builder.startRoot(element, attributes: attributes) {
                rejectedRoot = true
                if let context { xmlStopParser(context) }
            }
            return
        }
        let mode = builder.start(element, parent: parent, attributes: attributes, base: currentBase, rdf: names.rdfNamespace)
        if mode != .none {
            capture = mode
            captureDepth = depth
            text.removeAll()
        }
    }

    @inline(__always)
    mutating func endElement(local: UnsafePointer<xmlChar>) {
        defer { depth -= 1 }
        if rootEnded { return }
        if capture != .none {
            if depth > captureDepth {
                if capture != .text { serializeEndTag(local) }
                return
            }
            capture = .none
            let element = stack.last ?? .other
            builder.end(element, text: text.bytes)
        } else if let element = stack.last, element != .other {
            builder.end(element, text: nil)
        }
        stack.removeLast()
        if let last = bases.last, last.depth == depth { bases.removeLast() }
        if depth == 1 { rootEnded = true }
    }

    @inline(__always)
    mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard capture != .none else { return }
        if capture == .xhtml || (capture == .html && depth > captureDepth) {
            appendEscaped(UnsafeBufferPointer(start: bytes, count: count), quotes: false)
        } else {
            text.append(bytes, count)
        }
    }

    /// A problem reported by libxml2 (errors and warnings arrive here even with NOERROR).
    mutating func error(_ error: UnsafePointer<xmlError>) {
        errors.record(error.pointee, beforeRootEnd: !rootEnded)
    }

    /// A DTD `<!ENTITY>` declaration. Never stored, so never expanded: that is the whole
    /// defence against billion-laughs documents, which then cost one pass and no memory.
    mutating func entityDeclared() {
        errors.entityDeclarationsIgnored = true
    }

    // MARK: Markup re-serialisation (only inside HTML/XHTML content)

    private mutating func serializeStartTag(_ local: UnsafePointer<xmlChar>, _ attributes: SAXAttributes) {
        text.append(0x3C)
        appendCString(local)
        for i in 0..<attributes.count {
            guard let name = attributes.localName(at: i) else { continue }
            text.append(0x20)
            appendCString(name)
            text.append("=\"")
            appendEscaped(attributes.valueBytes(at: i), quotes: true)
            text.append(0x22)
        }
        text.append(0x3E)
    }

    private mutating func serializeEndTag(_ local: UnsafePointer<xmlChar>) {
        if HTMLVoidElements.contains(local) { return }
        text.append("</")
        appendCString(local)
        text.append(0x3E)
    }

    private mutating func appendCString(_ s: UnsafePointer<xmlChar>) {
        var p = s
        while p.pointee != 0 {
            text.append(p.pointee)
            p += 1
        }
    }

    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, quotes: Bool) {
        for b in bytes {
            switch b {
            case 0x26: text.append("&amp;")
            case 0x3C: text.append("&lt;")
            case 0x3E: text.append("&gt;")
            case 0x22 where quotes: text.append("&quot;")
            default: text.append(b)
            }
        }
    }
}
