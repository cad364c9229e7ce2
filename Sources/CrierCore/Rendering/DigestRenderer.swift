/// Renders a burst of items as one post: a count, then one line per item with its link, as many
/// as the target's limit allows, and "… and N more" for the rest.
public struct DigestRenderer: Sendable {
    public var mentions: MentionPolicy

    public init(mentions: MentionPolicy = .neutralizeAll) { self.mentions = mentions }

    public func render(_ items: [Item], sourceIds: [String], limits: PostLimits) -> String {
        let length = PostLength(charactersPerURL: limits.charactersPerURL)
        let sources = Array(Set(sourceIds)).sorted().joined(separator: ", ")
        var text = "\(items.count) updates from \(sources)"
        for (index, item) in items.enumerated() {
            let title = TextSanitizer.sanitize(item.title, mentions: mentions).split(whereSeparator: \.isNewline).joined(separator: " ")
            var line = "\n• " + (title.isEmpty ? item.key : title)
            if let link = item.link, !link.isEmpty { line += " " + TextSanitizer.stripControls(link) }
            let remaining = items.count - index - 1
            let reserve = remaining > 0 ? length.count("\n… and \(remaining) more") : 0
            if length.count(text + line) + reserve > limits.maxCharacters {
                return text + "\n… and \(items.count - index) more"
            }
            text += line
        }
        return text
    }
}
