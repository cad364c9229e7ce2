import CLibXML2

/// A small, read-only element tree of an XML document, for data formats such as XML-RPC.
///
/// Built with libxml2's `xmlCtxtReadMemory` and the project's safe setup:
/// - options NONET, NOCDATA, NOERROR, NOWARNING, COMPACT; never NOENT, DTDLOAD or HUGE, and no
///   RECOVER: a document that is not well-formed is an error, not a guess;
/// - the parser's `entityDecl` callback is replaced by one that stores nothing, so entities a
///   DTD declares are never defined, hence never expanded (no XXE, no billion laughs);
/// - the process-wide external entity loader refuses everything (``LibXML2Setup``);
/// - input size, nesting depth and element count are capped (``Limits``).
///
/// The tree is meant for data-oriented XML: each element keeps its element children and the
/// concatenation of the character data directly inside it; comments and processing
/// instructions are dropped, and so is the interleaving of text and elements in mixed content.
///
/// ```swift
/// let tree = try XMLTree.parse(Array("<a x=\"1\"><b>hi</b></a>".utf8))
/// tree.name                    // "a"
/// tree.attributes["x"]         // "1"
/// tree.child("b")?.text        // "hi"
/// ```
public struct XMLTree: Sendable, Equatable {
    /// The element's local name, without any prefix.
    public var name: String
    /// The namespace URI the element is in, or `nil` when it is in none.
    public var namespaceURI: String?
    /// Attribute values by local name (entities and character references already decoded).
    public var attributes: [String: String]
    /// Child elements, in document order.
    public var children: [XMLTree]
    /// The text and CDATA directly inside this element, concatenated, as written (not trimmed).
    public var text: String

    /// Creates an element; parsers build these, tests may too.
    public init(name: String, namespaceURI: String? = nil, attributes: [String: String] = [:], children: [XMLTree] = [], text: String = "") {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element called `name` (local name), if any.
    public func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Every child element called `name` (local name), in document order.
    public func children(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Caps on what ``XMLTree/parse(_:limits:)`` accepts; a document past any of them is an error.
    public struct Limits: Sendable {
        /// The largest document, in bytes.
        public var maxBytes: Int
        /// The deepest nesting of elements; the root element is depth 1.
        public var maxDepth: Int
        /// The most elements in the whole document.
        public var maxElements: Int

        /// Limits generous for API answers: 16 MiB, 64 levels, 500 000 elements.
        public init(maxBytes: Int = 16 * 1024 * 1024, maxDepth: Int = 64, maxElements: Int = 500_000) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxElements = maxElements
        }
    }

    /// Parses a whole document and returns its root element.
    ///
    /// The encoding is taken from the XML declaration or byte-order mark (UTF-8 by default).
    /// Throws ``XMLTreeError`` when the document is not well-formed or exceeds `limits`.
    public static func parse(_ bytes: [UInt8], limits: Limits = .init()) throws(XMLTreeError) -> XMLTree {
        guard !bytes.isEmpty else { throw XMLTreeError(message: "empty document") }
        guard bytes.count <= limits.maxBytes else {
            throw XMLTreeError(message: "document of \(bytes.count) bytes exceeds the limit of \(limits.maxBytes)")
        }
        LibXML2Setup.ensureInitialized()
        guard let context = xmlNewParserCtxt() else { throw XMLTreeError(message: "libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        if let sax = context.pointee.sax {
            // Declarations are read and forgotten: an entity never defined is never expanded.
            sax.pointee.entityDecl = { _, _, _, _, _, _ in }
            sax.pointee.unparsedEntityDecl = { _, _, _, _, _ in }
            sax.pointee.externalSubset = { _, _, _, _ in }
            // Errors stay in the context (read below) instead of going to stderr.
            sax.pointee.serror = { _, _ in }
        }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, nil, options)
            }
        }
        guard let document else { throw XMLTreeError(message: lastError(context) ?? "not well-formed XML") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw XMLTreeError(message: "no root element") }
        return try XMLTreeBuilder(limits: limits).build(root)
    }

    /// Safe and quiet; see the type's documentation for what is left out on purpose.
    private static let options = Int32(bitPattern:
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    /// libxml2's last error for this parse, as "line N: message".
    private static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        var text = String(cString: message)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return "line \(error.pointee.line): \(text)"
    }
}

/// Why ``XMLTree/parse(_:limits:)`` produced no tree: libxml2's message, or the limit exceeded.
public struct XMLTreeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. `line 3: Opening and ending tag mismatch: a line 1 and b`.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
    /// The ``message``.
    public var description: String { message }
}

/// Copies a libxml2 element tree into ``XMLTree`` values without recursion, so a deep document
/// cannot overflow the stack, and enforces the depth and element caps on the way.
private struct XMLTreeBuilder {
    /// One open element: the value being filled and the next libxml2 child to visit.
    private struct Frame {
        var element: XMLTree
        var next: xmlNodePtr?
    }

    let limits: XMLTree.Limits

    func build(_ root: xmlNodePtr) throws(XMLTreeError) -> XMLTree {
        var elements = 1
        var stack = [Frame(element: Self.element(root), next: root.pointee.children)]
        while let top = stack.last {
            guard let node = top.next else {
                let finished = stack.removeLast().element
                guard !stack.isEmpty else { return finished }
                stack[stack.count - 1].element.children.append(finished)
                continue
            }
            stack[stack.count - 1].next = node.pointee.next
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                elements += 1
                guard elements <= limits.maxElements else {
                    throw XMLTreeError(message: "more than \(limits.maxElements) elements")
                }
                guard stack.count < limits.maxDepth else {
                    throw XMLTreeError(message: "elements nested deeper than \(limits.maxDepth) levels")
                }
                stack.append(Frame(element: Self.element(node), next: node.pointee.children))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    stack[stack.count - 1].element.text += String(cString: content)
                }
            default:
                // Comments, processing instructions and references to (never defined) entities.
                break
            }
        }
        throw XMLTreeError(message: "no root element")
    }

    /// The element's name, namespace and attributes, with no children yet.
    private static func element(_ node: xmlNodePtr) -> XMLTree {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                attributes[String(cString: name)] = text(of: current.pointee.children)
            }
            attribute = current.pointee.next
        }
        return XMLTree(
            name: node.pointee.name.map { String(cString: $0) } ?? "",
            namespaceURI: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: attributes)
    }

    /// The concatenated text nodes of an attribute's value.
    private static func text(of first: xmlNodePtr?) -> String {
        var out = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content { out += String(cString: content) }
            node = current.pointee.next
        }
        return out
    }
}
