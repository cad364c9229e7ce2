import CLibXML2

/// What an HTML element means for plain text: which elements are dropped, which break lines
/// and how lists are marked. Applied by ``HTMLTextSink`` to libxml2's HTML SAX events.
enum HTMLTag: Equatable {
    /// Contents dropped entirely: code, styling, embedded documents, media fallbacks.
    case skip
    /// Starts and ends a line.
    case block
    /// `<ul>` (false) or `<ol>` (true).
    case list(ordered: Bool)
    /// `<li>`: a line with a bullet or number.
    case listItem
    /// `<br>`.
    case lineBreak
    /// `<img>`: no text, maybe a source.
    case image
    /// Table cell: separated by a space.
    case cell
    /// Everything else: just its text.
    case inline

    /// Elements whose content is never text for a reader.
    static let skipped = [
        "script", "style", "iframe", "noscript", "template", "head", "title", "object", "embed",
        "applet", "frameset", "frame", "svg", "math", "canvas", "audio", "video", "select",
    ]

    /// Names packed into a UInt64 (little-endian, at most eight bytes) and their meaning,
    /// in a small open-addressing table: classification runs for every tag, and a
    /// `Dictionary` (SipHash) showed up in profiles.
    private struct Table {
        private var keys = [UInt64](repeating: 0, count: 256)
        private var values = [HTMLTag](repeating: .inline, count: 256)

        @inline(__always)
        private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) }

        subscript(key: UInt64) -> HTMLTag? {
            get {
                var i = Self.slot(key)
                while keys[i] != 0 {
                    if keys[i] == key { return values[i] }
                    i = (i + 1) & 255
                }
                return nil
            }
            set {
                var i = Self.slot(key)
                while keys[i] != 0 && keys[i] != key { i = (i + 1) & 255 }
                keys[i] = key
                values[i] = newValue ?? .inline
            }
        }
    }

    private static let table: Table = {
        var t = Table()
        let block = ["p", "div", "section", "article", "header", "footer", "nav", "aside", "main",
                     "figure", "pre", "address", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                     "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd",
                     "form", "fieldset", "details", "summary", "center", "body", "html"]
        for name in skipped { t[pack(name)] = .skip }
        for name in block { t[pack(name)] = .block }
        t[pack("ul")] = .list(ordered: false)
        t[pack("ol")] = .list(ordered: true)
        t[pack("li")] = .listItem
        t[pack("br")] = .lineBreak
        t[pack("img")] = .image
        t[pack("td")] = .cell
        t[pack("th")] = .cell
        return t
    }()

    private static func pack(_ name: String) -> UInt64 {
        var v: UInt64 = 0
        for (i, b) in name.utf8.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    /// Classifies a lowercase name of at most eight bytes, packed little-endian.
    @inline(__always)
    static func classify(packed: UInt64) -> HTMLTag {
        table[packed] ?? .inline
    }

    /// Classifies a lowercase, NUL-terminated tag name.
    static func classify(_ name: UnsafePointer<UInt8>?) -> HTMLTag {
        guard let name else { return .inline }
        var v: UInt64 = 0
        for i in 0..<8 {
            let b = name[i]
            if b == 0 { return table[v] ?? .inline }
            v |= UInt64(b) << (8 * UInt64(i))
        }
        if name[8] == 0 { return table[v] ?? .inline }
        // Longer than eight bytes: only two such names matter.
        if name[9] != 0 && name[10] == 0 {
            let long = UnsafeBufferPointer(start: name, count: 10)
            if long.elementsEqual("blockquote".utf8) || long.elementsEqual("figcaption".utf8) { return .block }
        }
        return .inline
    }
}

/// The text effects of entering and leaving elements, and the list numbering they need.
struct HTMLTextLayout {
    private var lists: [(ordered: Bool, counter: Int)] = []

    /// Forgets open lists, for the next fragment.
    mutating func reset() {
        if !lists.isEmpty { lists.removeAll(keepingCapacity: true) }
    }

    /// An element starts; returns whether its content is to be read.
    mutating func enter(_ tag: HTMLTag, into out: inout PlainTextBuilder) -> Bool {
        switch tag {
        case .skip, .image:
            return false
        case .lineBreak:
            out.lineBreak()
            return false
        case .block:
            out.lineBreak()
        case .list(let ordered):
            out.lineBreak()
            lists.append((ordered, 0))
        case .listItem:
            if let last = lists.indices.last {
                lists[last].counter += 1
                if lists[last].ordered {
                    out.startLine(marker: ". ", number: lists[last].counter, level: last)
                } else {
                    out.startLine(marker: "• ", level: last)
                }
            } else {
                out.startLine(marker: "• ", level: 0)
            }
        case .cell:
            out.space()
        case .inline:
            break
        }
        return true
    }

    /// An element whose content was read ends.
    mutating func leave(_ tag: HTMLTag, into out: inout PlainTextBuilder) {
        switch tag {
        case .block, .listItem:
            out.lineBreak()
        case .list:
            out.lineBreak()
            if !lists.isEmpty { lists.removeLast() }
        case .cell:
            out.space()
        default:
            break
        }
    }
}

/// HTML elements that have no end tag; serialising `</br>` would read as a second `<br>`.
enum HTMLVoidElements {
    private static let names: [[UInt8]] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ].map { Array($0.utf8) }

    static func contains(_ local: UnsafePointer<xmlChar>) -> Bool {
        names.contains { name in
            for (k, b) in name.enumerated() where local[k] != b { return false }
            return local[name.count] == 0
        }
    }
}
