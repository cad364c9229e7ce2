import CLibXML2

/// The bytes handed to libxml2's HTML parser: a NUL-terminated copy of a fragment in which
/// the character references libxml2 2.9 reads differently from HTML5 are made numeric.
///
/// Why a rewrite: libxml2's HTML parser knows only the 253 HTML 4 entity names, looks each
/// one up by a linear scan, keeps `&copy` (no `;`) as literal text, and turns `&#150;` into
/// the C1 control U+0096 where browsers show an en dash. Feeds are written for browsers.
/// So, the same way ``EntityRewriter`` prepares XML, each reference is normalised before
/// libxml2 sees it; libxml2 still does all the parsing and all the decoding:
/// - a named reference from the HTML5 table becomes `&#N;` (two of them for the few names
///   that stand for two code points); a legacy name without `;` (`&copy 2024`) too, unless
///   an `=` follows (`?a=1&copy=2` in a URL stays as written, as HTML5 says for attributes);
///   `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` are left alone;
/// - a numeric reference that HTML5 maps elsewhere (Windows-1252 code points, NUL,
///   surrogates, out of range) is rewritten to the scalar HTML5 gives, or dropped when that
///   is a control character; `&#` with no digit becomes `&#38;#`, so it stays visible;
/// - anything else (`AT&T`, `&unknown;`) is copied as it is: libxml2 keeps it as text;
/// - NUL bytes are dropped: libxml2 reads the input as a C string.
///
/// Nothing here looks at tags: markup is copied byte for byte, and a reference inside an
/// attribute value or a `<script>` is normalised like any other (libxml2 decodes the first
/// and the converter drops the second).
struct HTMLParserInput: ~Copyable {
    private var buffer = ByteBuffer(capacity: 4096)

    /// The prepared bytes, NUL-terminated (valid after ``load(_:)`` until the next one).
    var base: UnsafePointer<UInt8> { UnsafePointer(buffer.base) }

    /// Prepares `html` (UTF-8) in place of whatever was loaded before.
    mutating func load(_ html: UnsafeBufferPointer<UInt8>) {
        buffer.removeAll()
        guard let p = html.baseAddress, !html.isEmpty else {
            buffer.terminate()
            return
        }
        let n = html.count
        buffer.reserve(n + 64)
        var copied = 0
        var i = 0
        while i < n, let hit = crier_memchr(p + i, 0x26, n - i) {
            let amp = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            i = amp + 1
            switch Self.reference(p, amp, n) {
            case .keep:
                continue
            case .literalAmpersand:
                buffer.append(p + copied, amp - copied)
                buffer.append("&#38;")
                copied = amp + 1
            case .replace(let end, let first, let second):
                buffer.append(p + copied, amp - copied)
                if first != 0 { appendReference(first) }
                if second != 0 { appendReference(second) }
                copied = end
                i = end
            }
        }
        buffer.append(p + copied, n - copied)
        if crier_memchr(buffer.base, 0, buffer.count) != nil { dropNULs() }
        buffer.terminate()
    }

    /// What to do with one `&`.
    private enum Rewrite {
        /// Copy it as it is: libxml2 reads it as HTML5 would.
        case keep
        /// `&#` without a digit: write the `&` as `&#38;` so it stays visible text.
        case literalAmpersand
        /// Replace the input up to `end` with these scalars as numeric references (0: none).
        case replace(end: Int, first: UInt32, second: UInt32)
    }

    /// Looks at the `&` at `amp`.
    private static func reference(_ p: UnsafePointer<UInt8>, _ amp: Int, _ n: Int) -> Rewrite {
        var j = amp + 1
        guard j < n else { return .keep }
        if p[j] == 0x23 {
            j += 1
            let hex = j < n && (p[j] | 0x20) == 0x78
            if hex { j += 1 }
            let digits = j
            var value: UInt32 = 0
            while j < n, let digit = Self.digit(p[j], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                j += 1
            }
            guard j > digits else { return .literalAmpersand }
            let fixed = HTMLEntities.sanitizeCodePoint(value)
            if fixed == value { return .keep }  // libxml2 reads it right, `;` or not
            if j < n && p[j] == 0x3B { j += 1 }
            return .replace(end: j, first: fixed ?? 0, second: 0)
        }
        while j < n, j - amp <= HTMLEntities.maxNameLength + 1, Self.isNameByte(p[j]) { j += 1 }
        let length = j - amp - 1
        guard length > 0, let entity = HTMLEntities.shared.lookup(p + amp + 1, length) else { return .keep }
        if j < n && p[j] == 0x3B {
            if Self.isXMLPredefined(p + amp + 1, length) { return .keep }
            return .replace(end: j + 1, first: entity.first, second: entity.second)
        }
        guard entity.legacy, j >= n || p[j] != 0x3D else { return .keep }
        return .replace(end: j, first: entity.first, second: entity.second)
    }

    @inline(__always)
    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x61...0x66 where hex: return UInt32(b - 0x61 + 10)
        case 0x41...0x46 where hex: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// `amp`, `lt`, `gt`, `quot`, `apos`: names libxml2 knows, first in its table.
    @inline(__always)
    private static func isXMLPredefined(_ p: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        switch length {
        case 2: return (p[0] == 0x6C || p[0] == 0x67) && p[1] == 0x74
        case 3: return p[0] == 0x61 && p[1] == 0x6D && p[2] == 0x70
        case 4:
            return (p[0] == 0x71 && p[1] == 0x75 && p[2] == 0x6F && p[3] == 0x74)
                || (p[0] == 0x61 && p[1] == 0x70 && p[2] == 0x6F && p[3] == 0x73)
        default: return false
        }
    }

    // MARK: Output

    /// `&#N;` in decimal.
    private mutating func appendReference(_ scalar: UInt32) {
        buffer.append(0x26)
        buffer.append(0x23)
        var divisor: UInt32 = 1
        while divisor <= scalar / 10 { divisor *= 10 }
        var rest = scalar
        repeat {
            buffer.append(UInt8(0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        } while divisor > 0
        buffer.append(0x3B)
    }

    /// Removes NUL bytes (never in text from XML; possible in a Swift `String`).
    private mutating func dropNULs() {
        let p = buffer.base
        var kept = 0
        for k in 0..<buffer.count where p[k] != 0 {
            p[kept] = p[k]
            kept += 1
        }
        buffer.truncate(to: kept)
    }
}
