import Foundation

/// Raw text of a title or body, as bytes, with how to read them.
struct RawText {
    /// How the bytes are to be read.
    enum Kind {
        /// Plain text (Atom `type="text"`, JSON `content_text`).
        case text
        /// HTML source.
        case html
        /// RSS titles: plain text that sometimes carries escaped markup or entities.
        case maybeHTML
    }

    var bytes: [UInt8]
    var kind: Kind
}

/// An entry being read: what the SAX events have delivered so far.
struct EntryDraft {
    var id: String?
    var hasGuid = false
    var guidIsPermaLink = false
    /// RSS `<link>` text, unresolved.
    var rssLink: String?
    /// First Atom alternate link (or link without `rel`), already resolved.
    var alternateLink: String?
    /// Plain-text title, converted as soon as the element ends (no copy of the raw bytes).
    var title = ""
    /// Base URI in effect at the body kept for the summary (its raw bytes wait in
    /// ``EntryTextConverter`` until the entry ends).
    var summaryBase: String?
    var authors: [String] = []
    var published: Date?
    var updated: Date?
    var categories: [String] = []
    var enclosures: [FeedEnclosure] = []
    /// Image URLs already resolved (`media:thumbnail`).
    var imageURLs: [String] = []
    /// Base URI in effect at the entry element.
    var base: String?

    init(base: String?) {
        self.base = base
    }

    /// Appends a value unless it is empty or already there.
    static func appendUnique(_ value: String, to list: inout [String]) {
        guard !value.isEmpty, !list.contains(value) else { return }
        list.append(value)
    }

    mutating func addEnclosure(_ enclosure: FeedEnclosure) {
        guard !enclosures.contains(where: { $0.url == enclosure.url }) else { return }
        enclosures.append(enclosure)
    }
}
