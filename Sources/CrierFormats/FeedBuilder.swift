import Foundation

/// The RSS/Atom element mapping: decides which elements feed which ``Feed`` and
/// ``FeedEntry`` fields.
///
/// It sees only classified elements (``FeedElement``) from ``FeedSAXHandler``, with their
/// parent, so channel-level and entry-level fields are told apart structurally: the
/// `<title>` of an RSS `<image>` or of an Atom `<source>` never becomes a feed or entry title.
struct FeedBuilder {
    /// Link resolution, shared with the SAX handler for `xml:base`.
    var resolver = URLResolver()
    private(set) var format: FeedFormat = .rss20
    private let baseURL: String?
    private let text = EntryTextConverter()

    private var feedTitle = ""
    private var feedLink: String?
    /// The channel link resolved, when absolute: the base for relative RSS item links.
    private var siteBase: String?
    private var feedAlternateLink: String?
    private var ttl: Int?
    private var feedAuthors: [String] = []
    private(set) var entries: [FeedEntry] = []
    /// Entry-level problems (e.g. nothing identifies an entry is *not* one: the connector decides).
    private(set) var warnings: [String] = []

    private var draft: EntryDraft?
    /// Items nested in an item (broken feeds) are ignored; this counts them to match ends.
    private var nestedEntries = 0
    /// Inside an Atom `<author>`: which level it belongs to, and what it said.
    private var author: (forEntry: Bool, name: String?, email: String?)?
    /// What the element being captured is for.
    private var pending = Pending.none
    private var isRDF = false

    private enum Pending {
        case none
        case title(RawText.Kind)
        case link
        case body(RawText.Kind, base: String?)
        case guid(isPermaLink: Bool)
        case id
        case published
        case updated
        case author
        case category
        case authorName
        case authorEmail
        case feedTitle(RawText.Kind)
        case feedLink
        case ttl
    }

    init(baseURL: String?) {
        self.baseURL = baseURL
    }

    // MARK: Events

    /// The root element; false if it is not a feed root.
    mutating func startRoot(_ element: FeedElement, attributes: SAXAttributes) -> Bool {
        switch element {
        case .rss:
            switch attributes.value("version").map(Trim.string) {
            case "0.91": format = .rss091
            case "0.92": format = .rss092
            default: format = .rss20
            }
        case .rdf:
            format = .rss10
            isRDF = true
        case .atomFeed:
            format = .atom10
        default:
            return false
        }
        return true
    }

    /// An element starts; returns how its text is to be captured.
    mutating func start(
        _ element: FeedElement, parent: FeedElement, attributes: SAXAttributes, base: String?,
        rdf: UnsafeRawPointer?
    ) -> CaptureMode {
        switch element {
        case .item, .atomEntry:
            if draft != nil {
                nestedEntries += 1
            } else {
                var new = EntryDraft(base: base)
                text.discardBody()
                if element == .item, let about = attributes.value("about", uri: rdf) {
                    new.id = Self.nonEmpty(about)
                }
                draft = new
            }
            return .none
        case .channel090:
            if isRDF { format = .rss090 }
            return .none
        default:
            break
        }
        return draft != nil
            ? startInEntry(element, parent: parent, attributes: attributes, base: base)
            : startInFeed(element, parent: parent, attributes: attributes, base: base)
    }

    private mutating func startInEntry(
        _ element: FeedElement, parent: FeedElement, attributes: SAXAttributes, base: String?
    ) -> CaptureMode {
        let direct = parent == .item || parent == .atomEntry
        switch element {
        case .title where direct:
            // .html capture: stray markup inside an RSS title is re-serialised, so the HTML
            // converter can drop a <script> body instead of keeping its text.
            pending = .title(.maybeHTML)
            return .html
        case .atomTitle where direct:
            let mode = Self.atomMode(attributes)
            pending = .title(mode == .text ? .text : .html)
            return mode
        case .link where direct:
            pending = .link
            return .text
        case .atomLink where direct:
            entryLink(attributes, base: base)
        case .description where direct, .contentEncoded where direct:
            pending = .body(.html, base: base)
            return .html
        case .atomSummary where direct, .atomContent where direct:
            if attributes.value("src") != nil { return .none }  // out-of-line content
            let mode = Self.atomMode(attributes)
            pending = .body(mode == .text ? .text : .html, base: base)
            return mode
        case .guid where direct:
            let permaLink = attributes.value("isPermaLink").map(Trim.keyword)
            pending = .guid(isPermaLink: permaLink != "false")
            return .text
        case .atomID where direct:
            pending = .id
            return .text
        case .pubDate where direct, .dcDate where direct, .atomPublished where direct:
            pending = .published
            return .text
        case .atomUpdated where direct, .dctermsModified where direct:
            pending = .updated
            return .text
        case .author where direct, .dcCreator where direct:
            pending = .author
            return .text
        case .atomAuthor where direct:
            author = (true, nil, nil)
        case .atomName where parent == .atomAuthor && author?.forEntry == true:
            pending = .authorName
            return .text
        case .atomEmail where parent == .atomAuthor && author?.forEntry == true:
            pending = .authorEmail
            return .text
        case .category where direct, .dcSubject where direct:
            pending = .category
            return .text
        case .atomCategory where direct:
            let label = attributes.value("label").flatMap(Self.nonEmpty)
            if let name = label ?? attributes.value("term").flatMap(Self.nonEmpty) {
                EntryDraft.appendUnique(name, to: &draft!.categories)
            }
        case .enclosure where direct:
            addEnclosure(attributes.value("url"), type: attributes.value("type"),
                         length: attributes.value("length"), base: base)
        case .mediaContent:
            addEnclosure(attributes.value("url"), type: attributes.value("type"),
                         length: attributes.value("fileSize"), base: base)
        case .mediaThumbnail:
            if let url = attributes.value("url"), let resolved = resolver.resolve(url, against: entryBase(base)) {
                EntryDraft.appendUnique(resolved, to: &draft!.imageURLs)
            }
        default:
            break
        }
        return .none
    }

    private mutating func startInFeed(
        _ element: FeedElement, parent: FeedElement, attributes: SAXAttributes, base: String?
    ) -> CaptureMode {
        let direct = parent == .channel || parent == .channel090 || parent == .atomFeed
        switch element {
        case .title where direct:
            pending = .feedTitle(.maybeHTML)
            return .html
        case .atomTitle where direct:
            let mode = Self.atomMode(attributes)
            pending = .feedTitle(mode == .text ? .text : .html)
            return mode
        case .link where direct:
            pending = .feedLink
            return .text
        case .atomLink where direct:
            let rel = attributes.value("rel").map(Trim.keyword)
            if feedAlternateLink == nil, rel == nil || rel == "alternate" || rel == "",
               let href = attributes.value("href") {
                feedAlternateLink = resolver.resolve(href, against: base)
            }
        case .ttl where direct:
            pending = .ttl
            return .text
        case .atomAuthor where direct:
            author = (false, nil, nil)
        case .atomName where parent == .atomAuthor && author?.forEntry == false:
            pending = .authorName
            return .text
        case .atomEmail where parent == .atomAuthor && author?.forEntry == false:
            pending = .authorEmail
            return .text
        default:
            break
        }
        return .none
    }

    /// An element ends. `text` is its captured text when `start` asked for a capture.
    mutating func end(_ element: FeedElement, text bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes else {
            endContainer(element)
            return
        }
        let value = pending
        pending = .none
        switch value {
        case .none:
            break
        case .title(let kind):
            if draft != nil { draft!.title = text.title(bytes, kind: kind) }
        case .link:
            if draft?.rssLink == nil { draft?.rssLink = Self.trimmed(bytes) }
        case .body(let kind, let base):
            // Kept raw; only the fullest body is converted, when the entry ends.
            if draft != nil, text.offerBody(bytes, kind: kind) { draft!.summaryBase = base }
        case .guid(let permaLink):
            if let guid = Self.nonEmpty(Self.trimmed(bytes)) {
                draft?.id = guid
                draft?.hasGuid = true
                draft?.guidIsPermaLink = permaLink
            }
        case .id:
            if draft?.id == nil { draft?.id = Self.nonEmpty(Self.trimmed(bytes)) }
        case .published:
            if draft?.published == nil { draft?.published = FeedDate.parse(bytes: bytes) }
        case .updated:
            if draft?.updated == nil { draft?.updated = FeedDate.parse(bytes: bytes) }
        case .author:
            if let name = Self.authorName(Self.plain(bytes)) {
                EntryDraft.appendUnique(name, to: &draft!.authors)
            }
        case .category:
            if draft != nil { EntryDraft.appendUnique(Self.plain(bytes), to: &draft!.categories) }
        case .authorName:
            author?.name = Self.nonEmpty(Self.plain(bytes))
        case .authorEmail:
            author?.email = Self.nonEmpty(Self.plain(bytes))
        case .feedTitle(let kind):
            feedTitle = text.title(bytes, kind: kind)
        case .feedLink:
            if feedLink == nil {
                feedLink = Self.nonEmpty(Self.trimmed(bytes))
                if let link = feedLink, let resolved = resolver.resolve(link, against: baseURL),
                   URLResolver.scheme(of: resolved) != nil {
                    siteBase = resolved
                }
            }
        case .ttl:
            ttl = Int(Self.trimmed(bytes)).flatMap { $0 >= 0 ? $0 : nil }
        }
    }

    private mutating func endContainer(_ element: FeedElement) {
        switch element {
        case .item, .atomEntry:
            if nestedEntries > 0 {
                nestedEntries -= 1
            } else if let done = draft.take() {
                entries.append(finish(done))
            }
        case .atomAuthor:
            if let author, let name = author.name ?? author.email {
                if author.forEntry, draft != nil {
                    EntryDraft.appendUnique(name, to: &draft!.authors)
                } else if !author.forEntry {
                    EntryDraft.appendUnique(name, to: &feedAuthors)
                }
            }
            author = nil
        default:
            break
        }
    }

    // MARK: Results

    /// The feed-level fields and entries read so far.
    mutating func makeFeed(warnings: [String]) -> Feed {
        if format == .atom10 && !feedAuthors.isEmpty {
            // RFC 4287 4.2.1: an entry without an author inherits the feed's.
            for i in entries.indices where entries[i].authors.isEmpty {
                entries[i].authors = feedAuthors
            }
        }
        let link = feedLink.flatMap { resolver.resolve($0, against: baseURL) } ?? feedAlternateLink
        return Feed(
            format: format, title: feedTitle, link: link, ttlMinutes: ttl,
            entries: entries, warnings: warnings + self.warnings)
    }

    private mutating func finish(_ draft: consuming EntryDraft) -> FeedEntry {
        let base = entryBase(draft.base)
        var entry = FeedEntry()
        entry.id = draft.id
        entry.idIsPermaLink = draft.hasGuid && draft.guidIsPermaLink
        if let link = draft.rssLink.flatMap(Self.nonEmpty) {
            entry.link = resolver.resolve(link, against: base)
        }
        if entry.link == nil { entry.link = draft.alternateLink }
        if entry.link == nil, entry.idIsPermaLink, let id = draft.id,
           URLResolver.isHTTP(id) {
            entry.link = id
        }
        entry.title = draft.title
        let summary = text.takeBody()
        entry.summary = summary.text
        entry.authors = draft.authors
        entry.published = draft.published
        entry.updated = draft.updated
        entry.categories = draft.categories
        entry.enclosures = draft.enclosures
        entry.imageURLs = draft.imageURLs
        let imageBase = format == .atom10 ? (draft.summaryBase ?? base) : base
        for src in summary.images {
            if let url = resolver.resolve(src, against: imageBase) {
                EntryDraft.appendUnique(url, to: &entry.imageURLs)
            }
        }
        return entry
    }

    /// Base for an entry's relative links: in RSS the channel's site link (what relative
    /// item links are written against in practice), else the `xml:base`/document base.
    private mutating func entryBase(_ elementBase: String?) -> String? {
        if format != .atom10, let siteBase { return siteBase }
        return elementBase
    }

    private mutating func entryLink(_ attributes: SAXAttributes, base: String?) {
        guard let href = attributes.value("href") else { return }
        let rel = attributes.value("rel").map(Trim.keyword) ?? "alternate"
        switch rel {
        case "alternate", "":
            if draft?.alternateLink == nil {
                let resolved = resolver.resolve(href, against: entryBase(base))
                draft?.alternateLink = resolved
            }
        case "enclosure":
            addEnclosure(href, type: attributes.value("type"), length: attributes.value("length"), base: base)
        default:
            break
        }
    }

    private mutating func addEnclosure(_ url: String?, type: String?, length: String?, base: String?) {
        guard let url, let resolved = resolver.resolve(url, against: entryBase(base)) else { return }
        let size = length.flatMap { Int(Trim.string($0)) }.flatMap { $0 >= 0 ? $0 : nil }
        draft?.addEnclosure(FeedEnclosure(
            url: resolved, type: type.flatMap(Trim.nonEmpty),
            length: size))
    }
}
