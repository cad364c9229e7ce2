import CLibXML2

/// Where libxml2's HTML SAX events for one fragment end up: the plain text and the images.
///
/// libxml2 reports every element it opens, including the ones it implies (`html`, `body`, a
/// `p` around loose text) and it closes every one of them, implicitly or not, so the events
/// describe exactly the tree `htmlReadMemory` would build; this applies the ``HTMLTag``
/// rules to them as they come. No tree is built.
///
/// Reached by the callbacks through a raw pointer (see ``HTMLTextConverter``), so it is a
/// struct: no reference counting or exclusivity checks per event.
struct HTMLTextSink: ~Copyable {
    /// The text so far.
    var out = PlainTextBuilder(singleLine: false, capacity: 4096)
    /// `<img>` sources so far (when wanted).
    private(set) var images: [String] = []
    private var wantImages = false
    private var layout = HTMLTextLayout()
    /// For each open element, what its end does: its tag, or `.inline` (nothing).
    private var open: [HTMLTag] = []
    /// How many open elements are inside dropped content (`script`, `style`, ...).
    private var skipping = 0

    init() {
        open.reserveCapacity(64)
    }

    /// Starts a new fragment.
    mutating func reset(singleLine: Bool, wantImages: Bool) {
        out.reset(singleLine: singleLine)
        if !images.isEmpty { images = [] }
        self.wantImages = wantImages
        layout.reset()
        open.removeAll(keepingCapacity: true)
        skipping = 0
    }

    /// `startElement`: `name` is lowercase; `attributes` alternates names and values
    /// (values already decoded, possibly NULL) and ends with NULL.
    mutating func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if skipping > 0 {
            open.append(.skip)
            skipping += 1
            return
        }
        let tag = HTMLTag.classify(name)
        switch tag {
        case .skip:
            open.append(.skip)
            skipping = 1
        case .image:
            if wantImages, let src = Self.imageSource(attributes) { images.append(src) }
            open.append(.inline)
        default:
            open.append(layout.enter(tag, into: &out) ? tag : .inline)
        }
    }

    /// `endElement`: closes the innermost open element.
    mutating func end() {
        guard let tag = open.popLast() else { return }
        if case .skip = tag {
            skipping -= 1
        } else {
            layout.leave(tag, into: &out)
        }
    }

    /// `characters` (and `cdataBlock`, which libxml2 uses for `script` and `style` bodies).
    @inline(__always)
    mutating func characters(_ p: UnsafePointer<xmlChar>, _ n: Int) {
        if skipping == 0 { out.append(p, n) }
    }

    /// `src`, or a lazy-loading `data-src` / `data-lazy-src` when `src` is missing or an
    /// inline `data:` placeholder.
    private static func imageSource(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        func value(_ wanted: StaticString) -> UnsafePointer<xmlChar>? {
            var i = 0
            while let name = attributes[i] {
                if equals(name, wanted), let value = attributes[i + 1] { return value }
                i += 2
            }
            return nil
        }
        if let src = value("src"), !isDataURI(src), let s = Trim.nonEmpty(String(cString: src)) { return s }
        for name: StaticString in ["data-src", "data-lazy-src"] {
            if let lazy = value(name), let s = Trim.nonEmpty(String(cString: lazy)) { return s }
        }
        return nil
    }

    /// Whether a NUL-terminated name equals an ASCII literal.
    private static func equals(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        for k in 0..<n where name[k] != literal.utf8Start[k] { return false }
        return name[n] == 0
    }

    /// Whether an attribute value is an inline `data:` URI (a lazy-loading placeholder),
    /// leading whitespace allowed.
    static func isDataURI(_ value: UnsafePointer<xmlChar>) -> Bool {
        var p = value
        while Trim.isSpace(p.pointee) { p += 1 }
        let prefix: StaticString = "data:"
        for k in 0..<5 where p[k] | 0x20 != prefix.utf8Start[k] | 0x20 { return false }
        return true
    }
}
