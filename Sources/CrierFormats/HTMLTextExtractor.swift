import CLibXML2

/// Converts HTML fragments to plain text (and collects `<img>` sources).
///
/// Two engines, one behaviour:
/// - the reference is libxml2's HTML parser (`htmlCtxtReadMemory`) and a tree walk: a real,
///   error-tolerant parser that copes with any tag soup;
/// - ``HTMLFastConverter`` handles the HTML feeds actually carry (tags, attributes,
///   comments, entities, script/style) in one pass over the bytes, about ten times faster,
///   and hands anything unusual (CDATA, processing instructions, whole documents,
///   unterminated constructs) back to libxml2. A differential test keeps the two in step.
///
/// Why both: every title and summary of every feed goes through here, and building a
/// libxml2 document per entry alone cost more than parsing the whole feed.
/// One instance reuses one libxml2 parser context; not thread-safe, one per parse.
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
        guard !html.isEmpty else { return Result(text: "", images: []) }
        var images: [String] = []
        var out = PlainTextBuilder(singleLine: singleLine, capacity: html.count)
        if HTMLFastConverter.convert(html, into: &out, images: &images, wantImages: wantImages) {
            return Result(text: out.finish(), images: images)
        }
        return convertWithLibXML2(html, singleLine: singleLine, wantImages: wantImages)
    }

    /// The reference conversion: libxml2 HTML parser and a tree walk.
    func convertWithLibXML2(_ html: UnsafeBufferPointer<UInt8>, singleLine: Bool, wantImages: Bool) -> Result {
        var out = PlainTextBuilder(singleLine: singleLine, capacity: html.count)
        guard let base = html.baseAddress, !html.isEmpty else { return Result(text: "", images: []) }
        if context == nil { context = htmlNewParserCtxt() }
        guard let context,
              let doc = base.withMemoryRebound(to: CChar.self, capacity: html.count, {
                  htmlCtxtReadMemory(context, $0, Int32(clamping: html.count), nil, "UTF-8", Self.options)
              })
        else {
            // No document at all (out of memory): decoding entities is still inert, since
            // the builder neutralises `<`.
            HTMLEntityDecoder.decode(html, into: &out)
            return Result(text: out.finish(), images: [])
        }
        defer { xmlFreeDoc(doc) }
        var images: [String] = []
        Self.walk(doc, into: &out, images: &images, wantImages: wantImages)
        return Result(text: out.finish(), images: images)
    }

    /// Iterative depth-first walk (no recursion, so no stack overflow on deep nesting).
    private static func walk(
        _ doc: htmlDocPtr, into out: inout PlainTextBuilder, images: inout [String], wantImages: Bool
    ) {
        var layout = HTMLTextLayout()
        let docNode = UnsafeMutableRawPointer(doc)
        var node = doc.pointee.children
        while let n = node {
            var descend = false
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = HTMLTag.classify(n.pointee.name)
                if tag == .image, wantImages, let src = imageSource(n) { images.append(src) }
                descend = layout.enter(tag, into: &out)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content { out.append(content, strlen(content)) }
            default:
                break
            }
            if descend, let child = n.pointee.children {
                node = child
                continue
            }
            if descend { layout.leave(HTMLTag.classify(n.pointee.name), into: &out) }
            var current = n
            node = nil
            while true {
                if let next = current.pointee.next {
                    node = next
                    break
                }
                guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != docNode else { break }
                layout.leave(HTMLTag.classify(parent.pointee.name), into: &out)
                current = parent
            }
        }
    }

    /// `src`, or a lazy-loading `data-src` when `src` is missing or an inline placeholder.
    private static func imageSource(_ n: xmlNodePtr) -> String? {
        func attribute(_ name: String) -> String? {
            guard let value = xmlGetProp(n, name) else { return nil }
            defer { crier_xml_free(value) }
            return Trim.nonEmpty(String(cString: value))
        }
        if let src = attribute("src"), !HTMLFastConverter.isDataURI(src) { return src }
        return attribute("data-src") ?? attribute("data-lazy-src")
    }
}
