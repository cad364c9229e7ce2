public import Foundation

/// One normalized thing a source produced: a feed entry, a wiki edit, a ticket change.
///
/// Items are data: every text field is plain text that came from an untrusted system and is
/// escaped and neutralized when it is rendered into a post.
public struct Item: Sendable, Codable, Equatable {
    /// The stable identity of the item within its source (guid → link → content hash for feeds).
    public var key: String
    /// What ties later items to an earlier one; `nil` means the item is its own thread.
    public var threadKey: String?
    /// A digest of the content that users see; a changed fingerprint under the same key is an update.
    public var fingerprint: String
    public var title: String
    /// Plain text (HTML already reduced to text).
    public var summary: String
    public var link: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    public var categories: [String]
    /// Enclosure and image URLs, kept as links.
    public var attachments: [String]
    /// Connector-specific fields, available to templates and route filters.
    public var fields: [String: String]
    /// Other keys an earlier poll may have stored this item under (e.g. a plain guid before a second
    /// item began to share it). Ingest accepts an alias only when the stored item has the same link.
    public var aliases: [String] = []
    /// Keys that identify what this item records in the source (e.g. `rev:123` for a wiki
    /// revision). When one of them was recorded for a reply Crier wrote, the item is Crier's own
    /// echo: it is stored as seen and never posted.
    public var echoKeys: [String] = []

    public init(
        key: String, threadKey: String? = nil, fingerprint: String, title: String, summary: String = "",
        link: String? = nil, author: String? = nil, published: Date? = nil, updated: Date? = nil,
        categories: [String] = [], attachments: [String] = [], fields: [String: String] = [:], aliases: [String] = [], echoKeys: [String] = []
    ) {
        self.aliases = aliases
        self.echoKeys = echoKeys
        self.key = key
        self.threadKey = threadKey
        self.fingerprint = fingerprint
        self.title = title
        self.summary = summary
        self.link = link
        self.author = author
        self.published = published
        self.updated = updated
        self.categories = categories
        self.attachments = attachments
        self.fields = fields
    }

    /// The thread this item belongs to: its thread key, or its own key.
    public var effectiveThreadKey: String { threadKey ?? key }
}

extension Item {
    private enum CodingKeys: String, CodingKey {
        case key, threadKey, fingerprint, title, summary, link, author, published, updated, categories, attachments, fields, aliases, echoKeys
    }

    /// Decodes stored payloads; fields added in later versions default to empty, so rows written
    /// by an older Crier still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        threadKey = try c.decodeIfPresent(String.self, forKey: .threadKey)
        fingerprint = try c.decode(String.self, forKey: .fingerprint)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        link = try c.decodeIfPresent(String.self, forKey: .link)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        published = try c.decodeIfPresent(Date.self, forKey: .published)
        updated = try c.decodeIfPresent(Date.self, forKey: .updated)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        attachments = try c.decodeIfPresent([String].self, forKey: .attachments) ?? []
        fields = try c.decodeIfPresent([String: String].self, forKey: .fields) ?? [:]
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        echoKeys = try c.decodeIfPresent([String].self, forKey: .echoKeys) ?? []
    }
}
