import CrierCore
import CrierFormats
import Foundation

/// Turns parsed feed entries into items with stable identities.
///
/// The identity ladder follows Miniflux: the entry's id (guid), else its link, else a hash of title
/// and content. When several entries of one document share an id, each gets `id|link` when its
/// link is unique among them, else `id|hash`, so a key never depends on the entry's position. The
/// other forms are kept as aliases, so an entry stored under the plain id before the collision
/// began (or under a longer form after it ended) is still recognized.
enum FeedItemMapper {
    static func items(from feed: Feed) -> [Item] {
        let baseKeys = feed.entries.map(baseKey)
        var groups: [String: [Int]] = [:]
        for (index, key) in baseKeys.enumerated() { groups[key, default: []].append(index) }
        var used = Set<String>()
        var items: [Item] = []
        for (index, entry) in feed.entries.enumerated() {
            let base = baseKeys[index]
            let hash = contentHash(entry)
            let colliding = groups[base, default: []]
            var key = base
            if colliding.count > 1 {
                // Never by position: a link tells entries apart only when no other colliding entry shares it.
                let linkIsUnique = entry.link.map { link in colliding.filter { feed.entries[$0].link == link }.count == 1 } ?? false
                key = linkIsUnique ? "\(base)|\(entry.link!)" : "\(base)|\(hash)"
            }
            let forms = [base] + (entry.link.map { ["\(base)|\($0)"] } ?? []) + ["\(base)|\(hash)"]
            let aliases = entry.id == nil && colliding.count == 1 ? [] : forms.filter { $0 != key }
            // Identical entries (same key, same content) are one entry listed twice.
            guard used.insert(key).inserted else { continue }
            items.append(item(entry, key: key, aliases: aliases))
        }
        // Feeds list newest first; posts go out oldest first.
        return ordered(items)
    }

    static func baseKey(_ entry: FeedEntry) -> String {
        if let id = entry.id, !id.isEmpty { return id }
        if let link = entry.link, !link.isEmpty { return link }
        return "sha256:" + contentHash(entry)
    }

    static func contentHash(_ entry: FeedEntry) -> String {
        ContentHash.hex(entry.title + "\u{1F}" + entry.summary)
    }

    static func item(_ entry: FeedEntry, key: String, aliases: [String]) -> Item {
        let attachments = entry.enclosures.map(\.url) + entry.imageURLs
        var uniqueAttachments: [String] = []
        for url in attachments where !uniqueAttachments.contains(url) { uniqueAttachments.append(url) }
        return Item(
            key: key,
            fingerprint: ContentHash.hex([entry.title, entry.summary, entry.link ?? "", uniqueAttachments.joined(separator: " ")].joined(separator: "\u{1F}")),
            title: entry.title, summary: entry.summary, link: entry.link ?? permalink(entry),
            author: entry.authors.isEmpty ? nil : entry.authors.joined(separator: ", "),
            published: entry.published, updated: entry.updated, categories: entry.categories,
            attachments: uniqueAttachments, aliases: aliases)
    }

    /// A guid is a link only when it says so (isPermaLink) and really is an absolute web URL.
    static func permalink(_ entry: FeedEntry) -> String? {
        guard entry.idIsPermaLink, let id = entry.id, id.hasPrefix("http://") || id.hasPrefix("https://") else { return nil }
        return id
    }

    /// Oldest first: by date when every entry has one, else the reverse of document order.
    static func ordered(_ items: [Item]) -> [Item] {
        let dated = items.compactMap { $0.published ?? $0.updated }
        guard dated.count == items.count else { return items.reversed() }
        return items.enumerated().sorted { a, b in
            let da = a.element.published ?? a.element.updated!
            let db = b.element.published ?? b.element.updated!
            return da == db ? a.offset > b.offset : da < db
        }.map(\.element)
    }
}
