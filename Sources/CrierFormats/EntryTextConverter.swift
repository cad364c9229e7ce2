/// Turns an entry's raw title and bodies into the plain text of a ``FeedEntry``.
///
/// Shared by the XML and JSON paths so both follow the same rules: titles are one line,
/// the fullest body becomes the summary, and only that one body is converted.
final class EntryTextConverter {
    private let html = HTMLTextConverter()
    /// The raw bytes of the fullest body of the entry being read (see ``offerBody(_:kind:)``).
    private var pendingBody = ByteBuffer(capacity: 4096)
    private var pendingKind: RawText.Kind?

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

    /// Keeps a body of the entry being read if it is fuller (longer raw text) than the one
    /// kept so far; on a tie the first stays. Returns whether it was kept.
    ///
    /// Why raw: an Atom entry carries a `summary` and then a longer `content`, and converting
    /// both would run libxml2's HTML parser on text that is thrown away. Copying the bytes
    /// costs a `memcpy`; converting them costs two orders of magnitude more.
    func offerBody(_ bytes: UnsafeBufferPointer<UInt8>, kind: RawText.Kind) -> Bool {
        if pendingKind != nil, bytes.count <= pendingBody.count { return false }
        pendingBody.removeAll()
        if let base = bytes.baseAddress { pendingBody.append(base, bytes.count) }
        pendingKind = kind
        return true
    }

    /// Converts the body kept by ``offerBody(_:kind:)`` ("" when none) and forgets it.
    func takeBody() -> (text: String, images: [String]) {
        guard let kind = pendingKind else { return ("", []) }
        pendingKind = nil
        return body(pendingBody.bytes, kind: kind)
    }

    /// Forgets a kept body (a new entry starts).
    func discardBody() {
        pendingKind = nil
    }
}
