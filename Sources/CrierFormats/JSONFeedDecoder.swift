import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
///
/// Why JSONSerialization rather than Codable: real feeds put numbers where the spec says
/// strings (ids), objects where arrays are expected, and so on; reading loosely typed values
/// lets one bad field be skipped instead of failing the whole feed.
enum JSONFeedDecoder {
    /// Decodes a JSON Feed document.
    static func decode(_ data: [UInt8], baseURL: String?) throws -> Feed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError(message: "not a feed: invalid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw FeedParseError(message: "not a feed: JSON document is not an object")
        }
        guard let version = root["version"] as? String, version.contains("jsonfeed.org/version/") else {
            throw FeedParseError(message: "not a feed: JSON object without a JSON Feed version")
        }
        var resolver = URLResolver()
        let text = EntryTextConverter()
        let base = string(root["feed_url"]).flatMap { resolver.resolve($0, against: baseURL) } ?? baseURL
        let feedAuthors = authors(root)
        var warnings: [String] = []
        var entries: [FeedEntry] = []
        var discarded = 0
        for case let item as [String: Any] in (root["items"] as? [Any]) ?? [] {
            // Spec: "any item without an id must be discarded"; numbers are coerced to strings.
            guard let id = string(item["id"]) ?? number(item["id"]) else {
                discarded += 1
                continue
            }
            var entry = FeedEntry(id: id)
            entry.link = string(item["url"]).flatMap { resolver.resolve($0, against: base) }
                ?? string(item["external_url"]).flatMap { resolver.resolve($0, against: base) }
            entry.title = text.title(string(item["title"]).map { RawText(bytes: Array($0.utf8), kind: .maybeHTML) })
            var bodies: [RawText] = []
            if let html = string(item["content_html"]) { bodies.append(RawText(bytes: Array(html.utf8), kind: .html)) }
            if let plain = string(item["content_text"]) { bodies.append(RawText(bytes: Array(plain.utf8), kind: .text)) }
            if let summary = string(item["summary"]) { bodies.append(RawText(bytes: Array(summary.utf8), kind: .text)) }
            let summary = text.summary(bodies)
            entry.summary = summary.text
            entry.authors = authors(item)
            if entry.authors.isEmpty { entry.authors = feedAuthors }
            entry.published = string(item["date_published"]).flatMap(FeedDate.parse)
            entry.updated = string(item["date_modified"]).flatMap(FeedDate.parse)
            for tag in (item["tags"] as? [Any]) ?? [] {
                if let tag = string(tag) { EntryDraft.appendUnique(tag, to: &entry.categories) }
            }
            var images = [string(item["image"]), string(item["banner_image"])].compactMap { $0 }
            images += summary.images
            for src in images {
                if let url = resolver.resolve(src, against: base) { EntryDraft.appendUnique(url, to: &entry.imageURLs) }
            }
            var draft = EntryDraft(base: base)
            for case let attachment as [String: Any] in (item["attachments"] as? [Any]) ?? [] {
                guard let url = string(attachment["url"]).flatMap({ resolver.resolve($0, against: base) }) else { continue }
                let size = (attachment["size_in_bytes"] as? NSNumber)?.intValue
                draft.addEnclosure(FeedEnclosure(
                    url: url, type: string(attachment["mime_type"]), length: size.flatMap { $0 >= 0 ? $0 : nil }))
            }
            entry.enclosures = draft.enclosures
            entries.append(entry)
        }
        if discarded > 0 { warnings.append("\(discarded) items without id discarded") }
        let titleText = string(root["title"]).map { RawText(bytes: Array($0.utf8), kind: .maybeHTML) }
        return Feed(
            format: .jsonFeed11, title: text.title(titleText),
            link: string(root["home_page_url"]).flatMap { resolver.resolve($0, against: base) },
            ttlMinutes: nil, entries: entries, warnings: warnings)
    }

    /// 1.1 `authors` array, else 1.0 `author` object; names only (URL when nameless is noise).
    private static func authors(_ object: [String: Any]) -> [String] {
        var list: [Any] = (object["authors"] as? [Any]) ?? []
        if list.isEmpty, let single = object["author"] { list = [single] }
        var names: [String] = []
        for case let author as [String: Any] in list {
            if let name = string(author["name"]) {
                EntryDraft.appendUnique(FeedBuilder.plainText(name), to: &names)
            }
        }
        return names
    }

    /// A trimmed non-empty string value.
    private static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        return FeedBuilder.nonEmpty(s)
    }

    /// A JSON number rendered as the id string the publisher most likely meant.
    private static func number(_ value: Any?) -> String? {
        // `is Bool` is true for any 0/1 NSNumber, so booleans are told apart by their
        // Objective-C type code ("c").
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        let d = n.doubleValue
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return n.stringValue
    }
}
