import CrierCore
import Foundation

/// Turns recent-change rows into items.
///
/// One item per revision: key `page@version`, thread `page:<page>`, and the echo key
/// `rev:page@version`, which is also what a reply's receipt records, so Crier's own edit of a
/// discussion page is never posted back.
enum DokuWikiItemMapper {
    static func item(_ change: DokuWikiChange, wikiURL: String) -> Item {
        let key = DokuWikiCursor.key(page: change.page, version: change.version)
        let who = change.author.isEmpty ? "an anonymous user" : change.author
        let page = escapeQueryValue(change.page)
        var fields = [
            "page": change.page,
            "author": change.author,
            "version": String(change.version),
            "diff": "\(wikiURL)/doku.php?id=\(page)&rev=\(change.version)&do=diff",
        ]
        if let size = change.size { fields["size"] = String(size) }
        let title = "\(change.page) edited by \(who)"
        return Item(
            key: key, threadKey: "page:\(change.page)",
            fingerprint: ContentHash.hex([title, change.summary, String(change.version)].joined(separator: "\u{1F}")),
            title: title, summary: change.summary,
            link: "\(wikiURL)/doku.php?id=\(page)&rev=\(change.version)",
            author: change.author.isEmpty ? nil : change.author,
            published: Date(timeIntervalSince1970: TimeInterval(change.version)),
            fields: fields, echoKeys: ["rev:\(key)"])
    }

    /// A page id as a query value: `:` stays (DokuWiki's own links keep it), `&`, `#`, `+`,
    /// spaces and non-ASCII are percent-encoded.
    static func escapeQueryValue(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
