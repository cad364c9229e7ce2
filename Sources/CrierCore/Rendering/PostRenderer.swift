import Foundation
import Mustache

/// A template that could not be compiled; names the route.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Renders an item into the text of a plain-text post within the target's length limit.
///
/// Every value is sanitized before it reaches the template, so a template cannot interpolate an
/// untrusted control character or mention. When the post is too long, the summary is cut on a word
/// boundary first, then the title; the link is never cut.
public struct PostRenderer: Sendable {
    let template: MustacheTemplate
    let mentions: MentionPolicy

    public init(template: String, mentions: MentionPolicy = .neutralizeAll) throws {
        do {
            // Posts are plain text: HTML escaping would show `&amp;` to readers; sanitizing is done on values.
            self.template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template)
        } catch {
            throw TemplateError(message: "template does not compile: \(error)")
        }
        self.mentions = mentions
    }

    public func render(_ item: Item, sourceId: String, limits: PostLimits) -> String {
        let length = PostLength(charactersPerURL: limits.charactersPerURL)
        let max = limits.maxCharacters
        var values = TemplateValues(item: item, sourceId: sourceId, mentions: mentions)
        let full = render(values)
        if length.count(full) <= max { return full }

        let summary = values.summary
        values.summary = ""
        let withoutSummary = render(values)
        let summaryBudget = max - length.count(withoutSummary) - 2
        if summaryBudget >= 10 {
            values.summary = Truncation.cut(summary, toFit: summaryBudget, length: length)
            let text = render(values)
            if length.count(text) <= max { return text }
        }
        values.summary = ""
        let title = values.title
        values.title = ""
        let titleBudget = max - length.count(render(values))
        values.title = Truncation.cut(title, toFit: Swift.max(titleBudget, 1), length: length)
        let text = render(values)
        if length.count(text) <= max { return text }
        // A template that is too long by itself: keep the link, which readers need most.
        return Truncation.keepingLink(text, link: values.link, max: max, length: length)
    }

    private func render(_ values: TemplateValues) -> String {
        template.render(values.dictionary).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The variables a template sees, all of them sanitized.
struct TemplateValues {
    var title: String
    var summary: String
    var link: String
    var author: String
    var categories: [String]
    var attachments: [String]
    var source: String
    var published: String
    var fields: [String: String]

    init(item: Item, sourceId: String, mentions: MentionPolicy) {
        func clean(_ s: String) -> String { TextSanitizer.sanitize(s, mentions: mentions) }
        title = clean(item.title).split(whereSeparator: \.isNewline).joined(separator: " ")
        summary = clean(item.summary)
        link = TextSanitizer.stripControls(item.link ?? "")
        author = clean(item.author ?? "")
        categories = item.categories.map(clean)
        attachments = item.attachments.map(TextSanitizer.stripControls)
        source = sourceId
        published = item.published.map { ISO8601DateFormatter().string(from: $0) } ?? ""
        fields = item.fields.mapValues(clean)
    }

    /// Empty values are left out, so that `{{#author}}…{{/author}}` sections skip them: the
    /// Mustache library treats an empty string as true.
    var dictionary: [String: Any] {
        let all: [String: Any] = [
            "title": title, "summary": summary, "link": link, "author": author,
            "categories": categories.joined(separator: ", "), "category_list": categories,
            "attachments": attachments, "source": source, "published": published, "fields": fields,
        ]
        return all.filter { _, value in
            switch value {
            case let text as String: !text.isEmpty
            case let list as [String]: !list.isEmpty
            default: true
            }
        }
    }
}

/// Cutting text to a length without breaking words or links.
enum Truncation {
    static let ellipsis = "…"

    static func cut(_ text: String, toFit budget: Int, length: PostLength) -> String {
        if length.count(text) <= budget { return text }
        var kept = ""
        var keptLength = 0
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            let piece = kept.isEmpty ? String(token) : " " + token
            let pieceLength = length.count(piece)
            if keptLength + pieceLength + 1 > budget { break }
            kept += piece
            keptLength += pieceLength
        }
        if kept.isEmpty {
            // One word longer than the budget: cut inside it rather than drop everything.
            kept = String(text.prefix(Swift.max(budget - 1, 0)))
        }
        return kept.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) + ellipsis
    }

    static func keepingLink(_ text: String, link: String, max: Int, length: PostLength) -> String {
        guard !link.isEmpty else { return String(text.prefix(max - 1)) + ellipsis }
        let body = text.replacingOccurrences(of: link, with: "")
        let budget = max - length.count(link) - 1
        return cut(body, toFit: Swift.max(budget, 1), length: length) + "\n" + link
    }
}
