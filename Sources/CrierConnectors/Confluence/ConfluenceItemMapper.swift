import CrierCore
import CrierFormats
import Foundation

/// Turns search results into items: one per (content id, version).
///
/// Pages and blog posts are their own thread (`content:<id>`); a comment joins its page's
/// thread (`content:<page id>`) and carries the echo key `comment:<id>`, which is what a reply's
/// receipt records, so the comment Crier wrote is never posted back.
enum ConfluenceItemMapper {
    /// The longest excerpt taken from a body, in characters.
    static let excerptLength = 400

    /// The item, or `nil` when the result has no version number or readable `when`.
    static func item(_ content: ConfluenceModel.Content, siteURL: String) -> Item? {
        guard let number = content.version?.number, let whenText = content.version?.when,
              let when = ConfluenceTime.parse(whenText)?.date else { return nil }
        let id = content.id.value
        let name = content.version?.by?.name
        let by = name.map { " by \($0)" } ?? ""
        let title = content.title.map(plain) ?? ""
        let isComment = content.type == "comment"
        let containerTitle = content.container?.title.map(plain) ?? "a page"
        let headline: String
        switch (content.type, number) {
        case ("comment", _): headline = "Comment on \(containerTitle)\(by)"
        case ("blogpost", 1): headline = "New blog post: \(title)\(by)"
        case ("page", 1): headline = "New page: \(title)\(by)"
        default: headline = "\(title) updated\(by)"
        }
        let message = content.version?.message.map(plain) ?? ""
        let summary = message.isEmpty ? excerpt(content.body?.storage?.value ?? "") : message
        var fields = ["type": content.type, "version": String(number), "content_id": id]
        if let space = content.space?.key { fields["space"] = space }
        if let container = content.container?.id?.value, isComment {
            fields["container_id"] = container
            fields["container_type"] = content.container?.type ?? "page"
        }
        let link = content._links?.webui.map { (siteURL + $0) }
        return Item(
            key: "\(id)@v\(number)",
            threadKey: "content:" + (isComment ? (fields["container_id"] ?? id) : id),
            fingerprint: ContentHash.hex([headline, summary, String(number)].joined(separator: "\u{1F}")),
            title: headline, summary: summary, link: link, author: name, published: when,
            categories: content.space?.key.map { [$0] } ?? [],
            fields: fields, echoKeys: isComment ? ["comment:\(id)"] : [])
    }

    /// A title or message (plain text in the JSON) on one line, without control characters;
    /// the renderer escapes whatever else it needs to.
    static func plain(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : String($0) }.joined()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The body as plain text, cut at a word boundary near ``excerptLength``.
    static func excerpt(_ storage: String) -> String {
        let text = HTMLText.plainText(fromHTML: storage)
        guard text.count > excerptLength else { return text }
        var cut = String(text.prefix(excerptLength))
        if let space = cut.lastIndex(where: \.isWhitespace), cut.distance(from: cut.startIndex, to: space) > excerptLength / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }
}
