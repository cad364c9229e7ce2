import CLibXML2

/// The elements the feed mapping cares about, by meaning rather than by spelling.
///
/// RSS 0.90, 0.9x, 1.0 and 2.0 spell their common elements the same way in different
/// namespaces; they all map to the same case here, so the mapping is written once.
enum FeedElement: UInt8 {
    case other
    // Roots.
    case rss, rdf, atomFeed
    // RSS family.
    case channel, channel090, item, title, link, description, guid, pubDate, author, category
    case enclosure, ttl, image, textInput, source
    // Atom.
    case atomEntry, atomID, atomTitle, atomLink, atomSummary, atomContent, atomAuthor
    case atomName, atomEmail, atomPublished, atomUpdated, atomCategory, atomSource
    // Modules.
    case contentEncoded, dcCreator, dcDate, dcSubject, dctermsModified
    case mediaContent, mediaThumbnail, mediaGroup
}

/// Maps an element's (namespace URI, local name) to a ``FeedElement`` by pointer identity.
///
/// Why pointers: libxml2 interns every element name and namespace URI in the parser
/// context's dictionary, so interning the known names in that same dictionary up front
/// turns classification into a pointer comparison, the cheapest thing a SAX callback can
/// do. The table is a small open-addressing hash keyed by the two pointers.
struct FeedNameTable {
    private struct Slot {
        var local: UnsafeRawPointer?
        var uri: UnsafeRawPointer?
        var element: FeedElement
    }

    private static let size = 512
    private var slots: [Slot]
    /// The interned "xml" prefix, to spot `xml:base` without comparing bytes.
    private(set) var xmlPrefix: UnsafeRawPointer?
    /// The interned RDF namespace, for `rdf:about`.
    private(set) var rdfNamespace: UnsafeRawPointer?

    static let rssNamespaces: [String?] = [
        nil, "http://backend.userland.com/rss2", "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
    ]
    static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let atomNamespaces = ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]
    static let contentURI = "http://purl.org/rss/1.0/modules/content/"
    static let dcURI = "http://purl.org/dc/elements/1.1/"
    static let dctermsURI = "http://purl.org/dc/terms/"
    static let mediaNamespaces = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]

    /// Interns the known names in `dict` (the parser context's dictionary).
    init(dict: OpaquePointer?) {
        slots = Array(repeating: Slot(local: nil, uri: nil, element: .other), count: Self.size)
        func intern(_ s: String) -> UnsafeRawPointer? {
            UnsafeRawPointer(xmlDictLookup(dict, s, -1))
        }
        xmlPrefix = intern("xml")
        rdfNamespace = intern(Self.rdfURI)
        let rss: [(String, FeedElement)] = [
            ("channel", .channel), ("item", .item), ("title", .title), ("link", .link),
            ("description", .description), ("guid", .guid), ("pubDate", .pubDate),
            ("author", .author), ("category", .category), ("enclosure", .enclosure),
            ("ttl", .ttl), ("image", .image), ("textinput", .textInput),
            ("textInput", .textInput), ("source", .source),
        ]
        for uri in Self.rssNamespaces {
            let u = uri.flatMap(intern)
            for (name, element) in rss {
                let e: FeedElement = (element == .channel && uri == Self.rssNamespaces[3]) ? .channel090 : element
                insert(intern(name), u, e)
            }
        }
        insert(intern("rss"), nil, .rss)
        insert(intern("RDF"), rdfNamespace, .rdf)
        let atom: [(String, FeedElement)] = [
            ("feed", .atomFeed), ("entry", .atomEntry), ("id", .atomID), ("title", .atomTitle),
            ("link", .atomLink), ("summary", .atomSummary), ("content", .atomContent),
            ("author", .atomAuthor), ("name", .atomName), ("email", .atomEmail),
            ("published", .atomPublished), ("issued", .atomPublished),
            ("updated", .atomUpdated), ("modified", .atomUpdated),
            ("category", .atomCategory), ("source", .atomSource),
        ]
        for uri in Self.atomNamespaces {
            let u = intern(uri)
            for (name, element) in atom { insert(intern(name), u, element) }
        }
        insert(intern("encoded"), intern(Self.contentURI), .contentEncoded)
        let dc = intern(Self.dcURI)
        insert(intern("creator"), dc, .dcCreator)
        insert(intern("date"), dc, .dcDate)
        insert(intern("subject"), dc, .dcSubject)
        insert(intern("modified"), intern(Self.dctermsURI), .dctermsModified)
        for uri in Self.mediaNamespaces {
            let u = intern(uri)
            insert(intern("content"), u, .mediaContent)
            insert(intern("thumbnail"), u, .mediaThumbnail)
            insert(intern("group"), u, .mediaGroup)
        }
    }

    @inline(__always)
    private static func hash(_ local: UnsafeRawPointer?, _ uri: UnsafeRawPointer?) -> Int {
        let a = UInt64(UInt(bitPattern: local)), b = UInt64(UInt(bitPattern: uri))
        let mixed = (a ^ (b &<< 7 | b &>> 57)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 55) & (size - 1)
    }

    private mutating func insert(_ local: UnsafeRawPointer?, _ uri: UnsafeRawPointer?, _ element: FeedElement) {
        var h = Self.hash(local, uri)
        while slots[h].local != nil {
            if slots[h].local == local && slots[h].uri == uri { return }
            h = (h + 1) & (Self.size - 1)
        }
        slots[h] = Slot(local: local, uri: uri, element: element)
    }

    /// The meaning of an element, `.other` when it is not one the mapping reads.
    @inline(__always)
    func element(local: UnsafeRawPointer?, uri: UnsafeRawPointer?) -> FeedElement {
        var h = Self.hash(local, uri)
        return slots.withUnsafeBufferPointer { s in
            while true {
                let slot = s[h]
                if slot.local == nil { return .other }
                if slot.local == local && slot.uri == uri { return slot.element }
                h = (h + 1) & (Self.size - 1)
            }
        }
    }
}
