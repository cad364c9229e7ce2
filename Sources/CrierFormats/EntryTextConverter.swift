/// Turns an entry's raw title and bodies into the plain text of a ``FeedEntry``.
///
/// Shared by the XML and JSON paths so both follow the same rules: titles are one line,
/// the fullest body becomes the summary, and only that one body is converted.
final class EntryTextConverter {
    private let html = HTMLTextConverter()

    /// Plain one-line title.
    func title(_ bytes: UnsafeBufferPointer<UInt8>, kind: RawText.Kind) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        switch kind {
        case .text:
            var out = PlainTextBuilder(singleLine: true, capacity: bytes.count)
            out.append(base, bytes.count)
            return out.finish()
        case .html, .maybeHTML:
            return html.convert(bytes, singleLine: true, wantImages: false).text
        }
    }

    /// Plain text of one body, and the image sources (unresolved) found in it.
    func body(_ bytes: UnsafeBufferPointer<UInt8>, kind: RawText.Kind) -> (text: String, images: [String]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ("", []) }
        switch kind {
        case .text:
            var out = PlainTextBuilder(singleLine: false, keepsNewlines: true, capacity: bytes.count)
            out.append(base, bytes.count)
            return (out.finish(), [])
        case .html, .maybeHTML:
            let result = html.convert(bytes, singleLine: false, wantImages: true)
            return (result.text, result.images)
        }
    }

    /// Plain one-line title from raw text.
    func title(_ raw: RawText?) -> String {
        guard let raw else { return "" }
        return raw.bytes.withUnsafeBufferPointer { title($0, kind: raw.kind) }
    }

    /// The summary from the fullest of several bodies.
    ///
    /// "Fullest" is the longest raw text: `content:encoded` against `description`, Atom
    /// `content` against `summary`, `content_html` against `summary`. On a tie the first
    /// seen wins. Only that body is converted.
    func summary(_ bodies: [RawText]) -> (text: String, images: [String]) {
        guard var best = bodies.first else { return ("", []) }
        for body in bodies.dropFirst() where body.bytes.count > best.bytes.count { best = body }
        return best.bytes.withUnsafeBufferPointer { body($0, kind: best.kind) }
    }

    /// Plain text from HTML, for callers outside entries.
    func plainText(fromHTML bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        html.convert(bytes, singleLine: singleLine, wantImages: false).text
    }
}
