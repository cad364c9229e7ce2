public import Foundation

/// The syndication format a document was recognised as.
///
/// The raw values are stable identifiers, suitable for logs and stored source state.
public enum FeedFormat: String, Sendable {
    /// RSS 0.90: an `rdf:RDF` root whose channel is in `http://my.netscape.com/rdf/simple/0.9/`.
    case rss090
    /// RSS 0.91 (`<rss version="0.91">`).
    case rss091
    /// RSS 0.92 (`<rss version="0.92">`).
    case rss092
    /// RSS 1.0, the RDF flavour (`rdf:RDF` root, `http://purl.org/rss/1.0/` elements).
    case rss10
    /// RSS 2.0, and any `<rss>` whose version is missing or unknown.
    case rss20
    /// Atom 1.0 (RFC 4287); Atom 0.3 documents are read with the same mapping.
    case atom10
    /// JSON Feed 1.1; 1.0 documents are read with the same mapping.
    case jsonFeed11
}

/// A media file attached to an entry: an RSS `<enclosure>`, an Atom `link rel="enclosure"`,
/// a JSON Feed attachment or a Media RSS `<media:content>`.
public struct FeedEnclosure: Sendable, Equatable {
    /// Absolute URL of the file (resolved against the entry's base when it was relative).
    public var url: String
    /// MIME type as declared by the feed, if any.
    public var type: String?
    /// Size in bytes as declared by the feed, if it was a non-negative integer.
    public var length: Int?

    /// Creates an enclosure.
    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// One item of a feed, reduced to what a bridge needs to post it.
///
/// Every text field is inert plain text: no markup, no control characters, valid UTF-8.
public struct FeedEntry: Sendable, Equatable {
    /// RSS `guid`, Atom `id`, RDF `rdf:about` or JSON Feed `id`; trimmed, nil if absent or empty.
    public var id: String?
    /// RSS `guid isPermaLink`: true when a guid is present and the attribute is absent or not
    /// "false"; false for every other format and when there is no guid.
    public var idIsPermaLink: Bool
    /// The entry's web page, absolute when a base was known. Atom prefers `rel="alternate"`
    /// (or no `rel`); RSS falls back to a permalink guid that is an http(s) URL.
    public var link: String?
    /// Plain-text title, "" if none.
    public var title: String
    /// Plain text of the fullest body the entry carries (`content:encoded`, Atom `content`,
    /// `description`, `summary`, `content_html`, `content_text`), "" if none.
    public var summary: String
    /// Author names (RSS `author`, `dc:creator`, Atom `author/name`, JSON `authors`).
    public var authors: [String]
    /// Publication date, if the feed gave one that could be read.
    public var published: Date?
    /// Last-update date, if the feed gave one that could be read.
    public var updated: Date?
    /// Category labels, in document order, without duplicates.
    public var categories: [String]
    /// Attached media files, without duplicate URLs.
    public var enclosures: [FeedEnclosure]
    /// Image URLs: `<img src>` in the HTML body, `media:thumbnail`, JSON `image`/`banner_image`.
    public var imageURLs: [String]

    /// Creates an entry; every field defaults to empty.
    public init(
        id: String? = nil, idIsPermaLink: Bool = false, link: String? = nil, title: String = "",
        summary: String = "", authors: [String] = [], published: Date? = nil, updated: Date? = nil,
        categories: [String] = [], enclosures: [FeedEnclosure] = [], imageURLs: [String] = []
    ) {
        self.id = id
        self.idIsPermaLink = idIsPermaLink
        self.link = link
        self.title = title
        self.summary = summary
        self.authors = authors
        self.published = published
        self.updated = updated
        self.categories = categories
        self.enclosures = enclosures
        self.imageURLs = imageURLs
    }
}

/// A parsed feed: its channel-level fields and its entries in document order.
public struct Feed: Sendable, Equatable {
    /// The format the document was recognised as.
    public var format: FeedFormat
    /// Plain-text feed title, "" if none.
    public var title: String
    /// The feed's web site (RSS channel `link`, Atom alternate link, JSON `home_page_url`).
    public var link: String?
    /// RSS `<ttl>`: how many minutes the publisher asks readers to cache the feed.
    public var ttlMinutes: Int?
    /// Entries in document order.
    public var entries: [FeedEntry]
    /// Recoverable problems met while parsing, e.g. "undefined entity &nbsp; replaced".
    /// Meant for logs and diagnostics; never needed to use the result.
    public var warnings: [String]

    /// Creates a feed.
    public init(
        format: FeedFormat, title: String = "", link: String? = nil, ttlMinutes: Int? = nil,
        entries: [FeedEntry] = [], warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.ttlMinutes = ttlMinutes
        self.entries = entries
        self.warnings = warnings
    }
}

/// Why a document could not be read as a feed at all.
///
/// Recoverable problems never throw; they end up in ``Feed/warnings``. This error means
/// there is nothing usable: an empty body, an HTML page, a JSON document that is not a
/// JSON Feed, or a hostile document.
public struct FeedParseError: Error, Sendable, CustomStringConvertible {
    /// A short human-readable reason, e.g. "not a feed: root element <html>".
    public var message: String

    /// Creates an error with a message.
    public init(message: String) {
        self.message = message
    }

    /// The message itself.
    public var description: String { message }
}
