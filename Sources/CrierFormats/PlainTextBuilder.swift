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
///
/// Why a raw buffer and `~Copyable`: this runs over every byte of every title and summary,
/// and `Array.append` per byte (uniqueness and capacity checks) was the top cost in profiles.
/// Non-copyable ownership makes the manual buffer safe: exactly one owner frees it.
struct PlainTextBuilder: ~Copyable {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Titles are one line: breaks become spaces.
    private(set) var singleLine: Bool
    /// Plain-text sources (Atom `type="text"`, JSON `content_text`) keep their newlines.
    private(set) var keepsNewlines: Bool
    private var lastWasLessThan = false

    init(singleLine: Bool, keepsNewlines: Bool = false, capacity: Int = 256) {
        self.singleLine = singleLine
        self.keepsNewlines = keepsNewlines
        self.capacity = max(capacity + 16, 64)
        buffer = .allocate(capacity: self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    @inline(__always)
    private mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    /// Appends UTF-8 text; the bytes must be well-formed UTF-8.
    ///
    /// Separators are written eagerly (a space only after a visible character, a line break
    /// replacing trailing spaces) and trailing ones are trimmed by ``finish()``, so the loop
    /// keeps no pending state beyond "the last byte was `<`".
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        // Each input byte yields at most one output byte; the rare three-byte U+200B
        // insertion reserves again.
        reserve(count + n + 8)
        let start = buffer
        var out = buffer + count
        var afterLessThan = lastWasLessThan
        let newlineBreaks = keepsNewlines && !singleLine
        var i = 0
        while i < n {
            // Eight bytes at a time while they are visible characters or single spaces that
            // follow a visible character: ordinary prose, which is most of the input.
            if !afterLessThan, i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if Self.isPlainRun(w, previous: out > start ? out[-1] : 0x20) {
                    UnsafeMutableRawPointer(out).storeBytes(of: w, as: UInt64.self)
                    out += 8
                    i += 8
                    continue
                }
            }
            let b = p[i]
            // The common case: a visible byte that needs no check.
            if b > 0x20, b != 0x3C, b != 0x7F, b != 0xC2, !afterLessThan {
                out.pointee = b
                out += 1
                i += 1
                continue
            }
            i += 1
            switch b {
            case 0x20, 0x09, 0x0D, 0x0C:
                out = Self.space(out, start)
                afterLessThan = false
                continue
            case 0x0A:
                out = newlineBreaks ? Self.newline(out, start) : Self.space(out, start)
                afterLessThan = false
                continue
            case 0x00..<0x20, 0x7F:
                continue
            case 0xC2 where i < n && p[i] <= 0xA0:
                // U+00A0 is a space; U+0080-U+009F are C1 controls.
                if p[i] == 0xA0 {
                    out = Self.space(out, start)
                    afterLessThan = false
                }
                i += 1
                continue
            default:
                break
            }
            if afterLessThan && Self.opensTag(b) {
                count = out - buffer
                reserve(count + (n - i) + 12)
                out = buffer + count
                out[0] = 0xE2
                out[1] = 0x80
                out[2] = 0x8B
                out += 3
            }
            out.pointee = b
            out += 1
            afterLessThan = b == 0x3C
        }
        count = out - buffer
        lastWasLessThan = afterLessThan
    }

    /// Whether eight bytes can be copied as they are: no control, DEL, `<` or 0xC2 (which
    /// may start U+00A0 or a C1 control), and every space follows a visible byte (so no run
    /// of whitespace needs collapsing). Bit tricks from "Bit Twiddling Hacks" (exact masks).
    @inline(__always)
    private static func isPlainRun(_ w: UInt64, previous: UInt8) -> Bool {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 {
            ~(((x & low7) &+ low7) | x | low7)  // high bit set exactly where a byte of x is 0
        }
        // Bytes below 0x20, for ASCII bytes (those >= 0x80 have their high bit set in w).
        let controls = (w &- 0x2020_2020_2020_2020) & ~w & high
        let special = zeroBytes(w ^ 0x3C3C_3C3C_3C3C_3C3C) | zeroBytes(w ^ 0x7F7F_7F7F_7F7F_7F7F)
            | zeroBytes(w ^ 0xC2C2_C2C2_C2C2_C2C2)
        guard controls | special == 0 else { return false }
        let spaces = zeroBytes(w ^ 0x2020_2020_2020_2020)
        // A space after a space (inside the word, or first byte after a separator).
        if spaces & (spaces << 8) != 0 { return false }
        if spaces & 0x80 != 0 && (previous == 0x20 || previous == 0x0A) { return false }
        return true
    }

    /// A space, unless the text is empty or already ends with a separator.
    @inline(__always)
    private static func space(_ out: UnsafeMutablePointer<UInt8>, _ start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard out > start, out[-1] != 0x20, out[-1] != 0x0A else { return out }
        out.pointee = 0x20
        return out + 1
    }

    /// A line break replacing trailing spaces, unless the text is empty or already ends with one.
    @inline(__always)
    private static func newline(_ out: UnsafeMutablePointer<UInt8>, _ start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var out = out
        while out > start, out[-1] == 0x20 { out -= 1 }
        guard out > start, out[-1] != 0x0A else { return out }
        out.pointee = 0x0A
        return out + 1
    }

    /// Appends one scalar (from a decoded character reference).
    mutating func append(scalar: UInt32) {
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let n = withUnsafeMutableBytes(of: &bytes) { UTF8Bytes.encode(scalar: scalar, into: $0) }
        withUnsafeBytes(of: bytes) { raw in
            append(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), n)
        }
    }

    /// Ends the current line (block element boundary or `<br>`).
    mutating func lineBreak() {
        reserve(count + 1)
        let end = singleLine ? Self.space(buffer + count, buffer) : Self.newline(buffer + count, buffer)
        count = end - buffer
        lastWasLessThan = false
    }

    /// Separates two runs of text by at least a space (table cells).
    mutating func space() {
        reserve(count + 1)
        count = Self.space(buffer + count, buffer) - buffer
        lastWasLessThan = false
    }

    /// Starts a new line with a marker such as "• " or "2. ", indented by `level`.
    mutating func startLine(marker: StaticString, number: Int? = nil, level: Int) {
        lineBreak()
        reserve(count + 2 * max(0, level) + 32)
        var out = buffer + count
        if !singleLine {
            for _ in 0..<max(0, level) {
                out[0] = 0x20
                out[1] = 0x20
                out += 2
            }
        }
        if let number {
            for digit in String(number).utf8 {
                out.pointee = digit
                out += 1
            }
        }
        out.update(from: marker.utf8Start, count: marker.utf8CodeUnitCount)
        out += marker.utf8CodeUnitCount
        count = out - buffer
        lastWasLessThan = false
    }

    /// The text, without leading or trailing whitespace; consumes the builder.
    consuming func finish() -> String {
        take()
    }

    /// Empties the builder for the next text, keeping its buffer, and switches its mode.
    mutating func reset(singleLine: Bool, keepsNewlines: Bool = false) {
        count = 0
        lastWasLessThan = false
        self.singleLine = singleLine
        self.keepsNewlines = keepsNewlines
    }

    /// The text so far, without leading or trailing whitespace; the builder is left empty
    /// (same mode, same buffer), so one builder serves a whole feed without reallocating.
    mutating func take() -> String {
        var end = count
        while end > 0, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x0A { end -= 1 }
        count = 0
        lastWasLessThan = false
        return String(decoding: UnsafeBufferPointer(start: buffer, count: end), as: UTF8.self)
    }

    @inline(__always)
    private static func opensTag(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x2F || b == 0x21 || b == 0x3F
    }
}
