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

    public init(
        key: String, threadKey: String? = nil, fingerprint: String, title: String, summary: String = "",
        link: String? = nil, author: String? = nil, published: Date? = nil, updated: Date? = nil,
        categories: [String] = [], attachments: [String] = [], fields: [String: String] = [:], aliases: [String] = []
    ) {
        self.aliases = aliases
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
