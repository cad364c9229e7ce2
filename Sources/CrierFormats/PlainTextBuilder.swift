/// Accumulates plain text and keeps it inert while doing so.
///
/// Every text output of this module goes through here, so the guarantees live in one place:
/// - whitespace runs (including U+00A0) collapse to one space, leading/trailing space goes;
/// - line breaks come only from ``lineBreak()`` (block elements, `<br>`) or from newlines in
///   plain-text input, and runs of them collapse to one `\n` (or a space in single-line mode);
/// - C0 controls, DEL and C1 controls are dropped;
/// - a literal `<` that would open a tag (followed by a letter, `/`, `!` or `?`) gets a
///   U+200B ZERO WIDTH SPACE after it. It reads the same, but no HTML sink can ever take it
///   for markup, even if a later stage forgets to escape.
struct PlainTextBuilder {
    private(set) var bytes: [UInt8] = []
    /// Titles are one line: breaks become spaces.
    let singleLine: Bool
    /// Plain-text sources (Atom `type="text"`, JSON `content_text`) keep their newlines.
    let keepsNewlines: Bool
    private var pendingSpace = false
    private var pendingBreak = false
    private var lastWasLessThan = false

    init(singleLine: Bool, keepsNewlines: Bool = false, capacity: Int = 256) {
        self.singleLine = singleLine
        self.keepsNewlines = keepsNewlines
        bytes.reserveCapacity(capacity)
    }

    /// Appends UTF-8 text; the bytes must be well-formed UTF-8.
    mutating func append(_ p: UnsafePointer<UInt8>, _ count: Int) {
        var i = 0
        while i < count {
            let b = p[i]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0C:
                pendingSpace = true
                i += 1
                continue
            case 0x0A:
                if keepsNewlines { pendingBreak = true } else { pendingSpace = true }
                i += 1
                continue
            case 0x00..<0x20, 0x7F:
                i += 1
                continue
            case 0xC2 where i + 1 < count && (p[i + 1] == 0xA0 || p[i + 1] < 0xA0):
                // U+00A0 is a space; U+0080-U+009F are C1 controls.
                if p[i + 1] == 0xA0 { pendingSpace = true }
                i += 2
                continue
            default:
                break
            }
            if pendingSpace || pendingBreak { flushPending() }
            if lastWasLessThan && Self.opensTag(b) {
                bytes.append(contentsOf: [0xE2, 0x80, 0x8B])
            }
            bytes.append(b)
            lastWasLessThan = b == 0x3C
            i += 1
        }
    }

    /// Appends one scalar (from a decoded character reference).
    mutating func append(scalar: UInt32) {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &buffer) { UTF8Bytes.encode(scalar: scalar, into: $0) }
        withUnsafeBytes(of: buffer) { raw in
            append(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count)
        }
    }

    /// Ends the current line (block element boundary or `<br>`).
    mutating func lineBreak() {
        pendingBreak = true
    }

    /// Separates two runs of text by at least a space (table cells).
    mutating func space() {
        pendingSpace = true
    }

    /// Starts a new line with a marker such as "• " or "2. ", indented by `level`.
    mutating func startLine(marker: String, level: Int) {
        lineBreak()
        flushPending()
        if singleLine {
            if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
        } else {
            for _ in 0..<max(0, level) { bytes.append(contentsOf: [0x20, 0x20]) }
        }
        bytes.append(contentsOf: Array(marker.utf8))
        lastWasLessThan = false
    }

    /// The text so far, without trailing whitespace.
    func finish() -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    @inline(__always)
    private mutating func flushPending() {
        defer {
            pendingSpace = false
            pendingBreak = false
        }
        guard let last = bytes.last else { return }
        if pendingBreak && !singleLine {
            while let l = bytes.last, l == 0x20 { bytes.removeLast() }
            if bytes.last != 0x0A, !bytes.isEmpty { bytes.append(0x0A) }
        } else if last != 0x20 && last != 0x0A {
            bytes.append(0x20)
        }
        lastWasLessThan = false
    }

    @inline(__always)
    private static func opensTag(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x2F || b == 0x21 || b == 0x3F
    }
}
