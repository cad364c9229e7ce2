/// Parses RSS (0.90 to 2.0), Atom and JSON Feed documents into a ``Feed``.
///
/// Tolerant by design: wrong encodings, HTML entities, bare ampersands, junk after the root
/// element and similar breakage are repaired and reported in ``Feed/warnings``. It throws
/// ``FeedParseError`` only when there is no feed to read at all.
///
/// ```swift
/// let feed = try FeedParser.parse(body, contentType: "application/rss+xml", baseURL: url)
/// for entry in feed.entries { print(entry.title, entry.link ?? "-") }
/// ```
///
/// Pure and thread-safe: each call owns all its state; any number may run in parallel.
public enum FeedParser {
    /// Detects the format (XML root `rss`, `rdf:RDF` or `feed`, or a JSON object whose
    /// `version` is a jsonfeed.org URL) and parses.
    ///
    /// - Parameters:
    ///   - data: the response body, as received.
    ///   - contentType: the HTTP Content-Type, used only for its charset when the document's
    ///     own bytes cannot be trusted.
    ///   - baseURL: the URL the document was fetched from, to resolve relative links.
    public static func parse(_ data: [UInt8], contentType: String? = nil, baseURL: String? = nil) throws -> Feed {
        guard let first = firstSignificantByte(data) else {
            throw FeedParseError(message: "empty document")
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try JSONFeedDecoder.decode(data, baseURL: baseURL)
        }
        return try parseXML(data, contentType: contentType, baseURL: baseURL)
    }

    private static func parseXML(_ data: [UInt8], contentType: String?, baseURL: String?) throws -> Feed {
        // Optimistic first: clean feeds, the vast majority, need neither a byte-by-byte
        // encoding scan nor the XML entities rewritten.
        let prepared = EncodingSniffer.prepare(data, contentType: contentType, careful: false)
        var (outcome, warnings) = parse(prepared, baseURL: baseURL, rewritingPredefined: false)
        if outcome.errors.fatalBeforeRootEnd {
            // A fatal error inside the root: ill-formed UTF-8 or a forbidden control character
            // (which the careful scan repairs), or anything else after which libxml2 drops
            // every later `&amp;`/`&lt;` (which rewriting them as numeric references avoids).
            // Rare, so paying for a second parse here keeps the common case fast.
            let careful = EncodingSniffer.prepare(data, contentType: contentType, careful: true)
            (outcome, warnings) = parse(careful, baseURL: baseURL, rewritingPredefined: careful.asciiCompatible)
        }
        if outcome.errors.sawEntityLoop {
            throw FeedParseError(message: "entity reference loop")
        }
        guard let rootName = outcome.rootName else {
            let reason = outcome.errors.messages.first.map { ": \($0)" } ?? ""
            throw FeedParseError(message: "not a feed: no XML root element\(reason)")
        }
        guard var feed = outcome.feed, !outcome.rejectedRoot else {
            throw FeedParseError(message: "not a feed: root element <\(rootName)>")
        }
        feed.warnings = warnings + outcome.errors.warnings + feed.warnings
        return feed
    }

    private static func parse(
        _ prepared: PreparedXML, baseURL: String?, rewritingPredefined: Bool
    ) -> (SAXPushParser.Outcome, [String]) {
        var prepared = prepared
        var warnings = prepared.warnings
        if prepared.asciiCompatible {
            let rewritten = EntityRewriter.rewrite(prepared.bytes, predefined: rewritingPredefined)
            prepared.bytes = rewritten.bytes
            warnings += rewritten.warnings
        }
        return (SAXPushParser.parse(prepared, baseURL: baseURL), warnings)
    }

    /// The first byte that is not whitespace or a byte-order mark, if any.
    private static func firstSignificantByte(_ data: [UInt8]) -> UInt8? {
        var i = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if data.count >= 2, (data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE) {
            // UTF-16: the first code unit after the BOM, read as a byte, is enough to tell
            // `{` from `<`; the XML path transcodes the rest.
            for j in stride(from: 2, to: data.count - 1, by: 2) {
                let unit = data[0] == 0xFE ? data[j + 1] : data[j]
                let other = data[0] == 0xFE ? data[j] : data[j + 1]
                if other == 0, unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D { continue }
                return other == 0 ? unit : 0x3C
            }
            return nil
        }
        while i < data.count {
            switch data[i] {
            case 0x20, 0x09, 0x0A, 0x0D, 0x00: i += 1
            default: return data[i]
            }
        }
        return nil
    }
}
