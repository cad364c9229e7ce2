import CLibXML2
import Foundation

/// Converts HTML fragments to plain text (and collects `<img>` sources) with libxml2.
///
/// Why libxml2's HTML parser and a tree walk: it is a real, error-tolerant HTML parser that
/// decodes every entity and copes with tag soup, which no regex does. One instance reuses one
/// parser context for all the fragments of a feed, which saves allocating a context and a
/// dictionary per entry. Not thread-safe: one instance per parse.
final class HTMLTextExtractor {
    /// Text and image sources of one fragment.
    struct Result {
        var text: String
        var images: [String]
    }

    private var context: htmlParserCtxtPtr?

    /// Safe, quiet, no network; IGNORE_ENC so a `<meta charset>` in a fragment cannot
    /// switch decoding away from the UTF-8 we pass.
    private static let options = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue)

    init() {
        LibXML2Setup.ensureInitialized()
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
    }

    /// Converts UTF-8 HTML. `singleLine` is for titles.
    func convert(_ html: UnsafeBufferPointer<UInt8>, singleLine: Bool, wantImages: Bool) -> Result {
        var out = PlainTextBuilder(singleLine: singleLine, capacity: html.count)
        guard let base = html.baseAddress, !html.isEmpty else { return Result(text: "", images: []) }
        // Fast path: no tag at all, so only entities need decoding; that is most titles and
        // many plain descriptions, and it avoids building a document.
        if crier_memchr(base, 0x3C, html.count) == nil {
            HTMLEntityDecoder.decode(html, into: &out)
            return Result(text: out.finish(), images: [])
        }
        if context == nil { context = htmlNewParserCtxt() }
        guard let context,
              let doc = base.withMemoryRebound(to: CChar.self, capacity: html.count, {
                  htmlCtxtReadMemory(context, $0, Int32(clamping: html.count), nil, "UTF-8", Self.options)
              })
        else {
            // Could not even start a document (out of memory): fall back to entity decoding,
            // which never emits markup either since the builder neutralises `<`.
            HTMLEntityDecoder.decode(html, into: &out)
            return Result(text: out.finish(), images: [])
        }
        defer { xmlFreeDoc(doc) }
        var images: [String] = []
        walk(doc, into: &out, images: &images, wantImages: wantImages)
        return Result(text: out.finish(), images: images)
    }

    private struct ListLevel {
        var ordered: Bool
        var counter: Int
    }

    /// Iterative depth-first walk (no recursion, so no stack overflow on deep nesting).
    private func walk(
        _ doc: htmlDocPtr, into out: inout PlainTextBuilder, images: inout [String], wantImages: Bool
    ) {
        var lists: [ListLevel] = []
        let docNode = UnsafeMutableRawPointer(doc)
        var node = doc.pointee.children

        func leave(_ n: xmlNodePtr) {
            switch HTMLTag.classify(n.pointee.name) {
            case .block, .listItem: out.lineBreak()
            case .list:
                out.lineBreak()
                if !lists.isEmpty { lists.removeLast() }
            case .cell: out.space()
            default: break
            }
        }

        while let n = node {
            var descend = false
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                switch HTMLTag.classify(n.pointee.name) {
                case .skip: break
                case .lineBreak: out.lineBreak()
                case .image:
                    if wantImages, let src = imageSource(n) { images.append(src) }
                case .block:
                    out.lineBreak()
                    descend = true
                case .list:
                    out.lineBreak()
                    lists.append(ListLevel(ordered: n.pointee.name.map { $0[0] == 0x6F } ?? false, counter: 0))
                    descend = true
                case .listItem:
                    if lists.isEmpty {
                        out.startLine(marker: "• ", level: 0)
                    } else {
                        lists[lists.count - 1].counter += 1
                        let level = lists[lists.count - 1]
                        out.startLine(marker: level.ordered ? "\(level.counter). " : "• ", level: lists.count - 1)
                    }
                    descend = true
                case .cell:
                    out.space()
                    descend = true
                case .inline:
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content { out.append(content, strlen(content)) }
            default:
                break
            }
            if descend, let child = n.pointee.children {
                node = child
                continue
            }
            if descend { leave(n) }
            var current = n
            node = nil
            while true {
                if let next = current.pointee.next {
                    node = next
                    break
                }
                guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != docNode else { break }
                leave(parent)
                current = parent
            }
        }
    }

    /// `src`, or a lazy-loading `data-src` when `src` is missing or an inline placeholder.
    private func imageSource(_ n: xmlNodePtr) -> String? {
        func attribute(_ name: String) -> String? {
            guard let value = xmlGetProp(n, name) else { return nil }
            defer { crier_xml_free(value) }
            let s = String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines)
            return s.isEmpty ? nil : s
        }
        if let src = attribute("src"), !src.lowercased().hasPrefix("data:") { return src }
        return attribute("data-src") ?? attribute("data-lazy-src")
    }
}

/// What an HTML element means for plain text.
enum HTMLTag {
    /// Contents dropped entirely: code, styling, embedded documents, media fallbacks.
    case skip
    /// Starts and ends a line.
    case block
    /// `<ul>`/`<ol>`.
    case list
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

    private static let table: [UInt64: HTMLTag] = {
        var t: [UInt64: HTMLTag] = [:]
        let skip = ["script", "style", "iframe", "noscript", "template", "head", "title", "object",
                    "embed", "applet", "frameset", "frame", "svg", "math", "canvas", "audio",
                    "video", "select"]
        let block = ["p", "div", "section", "article", "header", "footer", "nav", "aside", "main",
                     "figure", "pre", "address", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
                     "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd",
                     "form", "fieldset", "details", "summary", "center", "body", "html"]
        for name in skip { t[pack(name)] = .skip }
        for name in block { t[pack(name)] = .block }
        t[pack("ul")] = .list
        t[pack("ol")] = .list
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

    /// Classifies a (lowercase, as libxml2's HTML parser produces) tag name.
    static func classify(_ name: UnsafePointer<xmlChar>?) -> HTMLTag {
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
