import Foundation

/// Counts post length the way the target does: grapheme clusters, with every URL counted as a
/// fixed number of characters where the target says so (Mastodon: 23).
public struct PostLength: Sendable {
    public var charactersPerURL: Int?

    public init(charactersPerURL: Int?) { self.charactersPerURL = charactersPerURL }

    public func count(_ text: String) -> Int {
        guard let perURL = charactersPerURL else { return text.count }
        var total = 0
        for token in PostLength.tokens(text) {
            total += token.isURL ? perURL : token.text.count
        }
        return total
    }

    /// Splits text into URL and non-URL runs; URLs end at whitespace.
    static func tokens(_ text: String) -> [(text: Substring, isURL: Bool)] {
        var result: [(Substring, Bool)] = []
        var rest = text[...]
        while let range = rest.range(of: "http", options: .literal) {
            let candidate = rest[range.lowerBound...]
            if candidate.hasPrefix("http://") || candidate.hasPrefix("https://"),
               range.lowerBound == rest.startIndex || rest[rest.index(before: range.lowerBound)].isWhitespace || "([<\"'".contains(rest[rest.index(before: range.lowerBound)]) {
                let end = candidate.firstIndex(where: \.isWhitespace) ?? candidate.endIndex
                if range.lowerBound > rest.startIndex { result.append((rest[..<range.lowerBound], false)) }
                result.append((rest[range.lowerBound..<end], true))
                rest = rest[end...]
            } else {
                let skip = rest.index(after: range.lowerBound)
                result.append((rest[..<skip], false))
                rest = rest[skip...]
            }
        }
        if !rest.isEmpty { result.append((rest, false)) }
        return result
    }
}
