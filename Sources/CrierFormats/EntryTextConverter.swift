/// Turns an entry's raw title and bodies into the plain text of a ``FeedEntry``.
///
/// Shared by the XML and JSON paths so both follow the same rules: titles are one line,
/// the fullest body becomes the summary, and only that one body is converted.
final class EntryTextConverter {
    private let html = HTMLTextExtractor()

    /// Plain one-line title.
    func title(_ raw: RawText?) -> String {
        guard let raw, !raw.bytes.isEmpty else { return "" }
        return raw.bytes.withUnsafeBufferPointer { bytes in
            switch raw.kind {
            case .text:
                var out = PlainTextBuilder(singleLine: true, capacity: bytes.count)
                out.append(bytes.baseAddress!, bytes.count)
                return out.finish()
            case .html, .maybeHTML:
                return html.convert(bytes, singleLine: true, wantImages: false).text
            }
        }
    }

    /// The summary text and the image sources (unresolved) found in it, from the fullest body.
    ///
    /// "Fullest" is the longest raw text: `content:encoded` against `description`, Atom
    /// `content` against `summary`, `content_html` against `summary`. On a tie the first
    /// seen wins.
    func summary(_ bodies: [RawText]) -> (text: String, images: [String], base: String?) {
        guard var best = bodies.first else { return ("", [], nil) }
        for body in bodies.dropFirst() where body.bytes.count > best.bytes.count { best = body }
        guard !best.bytes.isEmpty else { return ("", [], best.base) }
        return best.bytes.withUnsafeBufferPointer { bytes in
            switch best.kind {
            case .text:
                var out = PlainTextBuilder(singleLine: false, keepsNewlines: true, capacity: bytes.count)
                out.append(bytes.baseAddress!, bytes.count)
                return (out.finish(), [], best.base)
            case .html, .maybeHTML:
                let result = html.convert(bytes, singleLine: false, wantImages: true)
                return (result.text, result.images, best.base)
            }
        }
    }

    /// Plain text from HTML, for callers outside entries.
    func plainText(fromHTML bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        html.convert(bytes, singleLine: singleLine, wantImages: false).text
    }
}
