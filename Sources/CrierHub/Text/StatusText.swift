/// Plain status text: finding URLs, measuring length as Mastodon does, and rendering the HTML
/// `content` of a status.
enum StatusText {
    /// What every http(s) URL counts for, whatever its length.
    static let charactersPerURL = 23

    /// A run of plain text or one URL.
    enum Segment: Equatable {
        case text(Substring)
        case url(Substring)
    }

    /// The length Mastodon's validator measures: grapheme clusters, each URL counting 23.
    static func length(of text: String) -> Int {
        segments(of: text).reduce(0) { total, segment in
            switch segment {
            case .text(let run): total + run.count
            case .url: total + charactersPerURL
            }
        }
    }

    /// Whether the text is empty or only whitespace (Mastodon's "Text can't be blank").
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// The status `content`: escaped text, paragraphs at blank lines, `<br />` at line breaks,
    /// http(s) URLs as links.
    static func html(_ text: String) -> HTML {
        let lines = text.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var paragraphs: [[Substring]] = []
        var current: [Substring] = []
        for line in lines {
            if line.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return HTML(joining: paragraphs.map { lines in
            "<p>\(HTML(joining: lines.map { linkified(String($0)) }, separator: "<br />"))</p>"
        })
    }

    /// One line, escaped, with its URLs as links.
    static func linkified(_ line: String) -> HTML {
        HTML(joining: segments(of: line).map { segment -> HTML in
            switch segment {
            case .text(let run):
                return "\(String(run))"
            case .url(let url):
                let url = String(url)
                return "<a href=\"\(url)\" rel=\"nofollow noopener\" target=\"_blank\">\(url)</a>"
            }
        })
    }

    /// Splits text into plain runs and http(s) URLs.
    ///
    /// A URL starts with `http://` or `https://` (any case) not preceded by a letter or digit, runs
    /// to the next whitespace or `<`, `>`, `"`, and loses trailing punctuation (`.,:;!?'`) and an
    /// unbalanced closing parenthesis, as in "see (https://example.org)."
    static func segments(of text: String) -> [Segment] {
        var segments: [Segment] = []
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            if previous.map({ !$0.properties.isAlphabetic && $0.properties.numericType == nil }) ?? true,
                let end = urlEnd(in: scalars, from: index)
            {
                if runStart < index { segments.append(.text(text[runStart..<index])) }
                segments.append(.url(text[index..<end]))
                runStart = end
                previous = scalars[scalars.index(before: end)]
                index = end
                continue
            }
            previous = scalars[index]
            index = scalars.index(after: index)
        }
        if runStart < scalars.endIndex { segments.append(.text(text[runStart...])) }
        return segments
    }

    /// The end of the URL starting at `start`, or nil when none starts there.
    private static func urlEnd(in scalars: String.UnicodeScalarView, from start: String.Index) -> String.Index? {
        guard let hostStart = schemeEnd(in: scalars, from: start) else { return nil }
        var end = hostStart
        while end < scalars.endIndex, !isURLTerminator(scalars[end]) {
            end = scalars.index(after: end)
        }
        // Trim trailing punctuation, and a ")" that closes a parenthesis opened before the URL.
        while end > hostStart {
            let last = scalars[scalars.index(before: end)]
            if ".,:;!?'".unicodeScalars.contains(last) {
                end = scalars.index(before: end)
            } else if last == ")",
                scalars[start..<end].filter({ $0 == "(" }).count < scalars[start..<end].filter({ $0 == ")" }).count
            {
                end = scalars.index(before: end)
            } else {
                break
            }
        }
        return end > hostStart ? end : nil
    }

    /// The index after `http://` or `https://` (case-insensitive) at `start`, if one is there.
    private static func schemeEnd(in scalars: String.UnicodeScalarView, from start: String.Index) -> String.Index? {
        var index = start
        for expected in "http".unicodeScalars {
            guard index < scalars.endIndex, lowercased(scalars[index]) == expected else { return nil }
            index = scalars.index(after: index)
        }
        if index < scalars.endIndex, lowercased(scalars[index]) == "s" { index = scalars.index(after: index) }
        for expected in "://".unicodeScalars {
            guard index < scalars.endIndex, scalars[index] == expected else { return nil }
            index = scalars.index(after: index)
        }
        return index
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }

    private static func isURLTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "<" || scalar == ">" || scalar == "\""
            || scalar.properties.generalCategory == .control
    }
}
