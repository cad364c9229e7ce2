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
    /// The prepared bytes, NUL-terminated (valid after ``load(_:)``).
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
        base[0] = 0
    }

    deinit {
        base.deallocate()
    }

    /// Prepares `html` (UTF-8) in place of whatever was loaded before.
    mutating func load(_ html: UnsafeBufferPointer<UInt8>) {
        count = 0
        guard let p = html.baseAddress, !html.isEmpty else {
            base[0] = 0
            return
        }
        let n = html.count
        reserve(n + 64)
        var copied = 0
        var i = 0
        while i < n, let hit = crier_memchr(p + i, 0x26, n - i) {
            let amp = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            i = amp + 1
            switch Self.reference(p, amp, n) {
            case .keep:
                continue
            case .literalAmpersand:
                append(p + copied, amp - copied)
                append("&#38;")
                copied = amp + 1
            case .replace(let end, let first, let second):
                append(p + copied, amp - copied)
                if first != 0 { appendReference(first) }
                if second != 0 { appendReference(second) }
                copied = end
                i = end
            }
        }
        append(p + copied, n - copied)
        if crier_memchr(base, 0, count) != nil { dropNULs() }
        base[count] = 0
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
    private static func isXMLPredefined(_ name: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let buffer = UnsafeBufferPointer(start: name, count: length)
        switch length {
        case 2: return buffer.elementsEqual("lt".utf8) || buffer.elementsEqual("gt".utf8)
        case 3: return buffer.elementsEqual("amp".utf8)
        case 4: return buffer.elementsEqual("quot".utf8) || buffer.elementsEqual("apos".utf8)
        default: return false
        }
    }

    // MARK: Buffer

    /// Room for `needed` bytes plus the final NUL.
    private mutating func reserve(_ needed: Int) {
        guard needed + 1 > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < needed + 1 { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    private mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n > 0 else { return }
        reserve(count + n)
        (base + count).update(from: p, count: n)
        count += n
    }

    private mutating func append(_ s: StaticString) {
        append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// `&#N;` in decimal.
    private mutating func appendReference(_ scalar: UInt32) {
        reserve(count + 12)
        base[count] = 0x26
        base[count + 1] = 0x23
        count += 2
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var v = scalar
        var k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[k] = UInt8(0x30 + v % 10)
                v /= 10
                k += 1
            } while v > 0 && k < 8
            while k > 0 {
                k -= 1
                base[count] = d[k]
                count += 1
            }
        }
        base[count] = 0x3B
        count += 1
    }

    /// Removes NUL bytes (never in text from XML; possible in a Swift `String`).
    private mutating func dropNULs() {
        var kept = 0
        for k in 0..<count where base[k] != 0 {
            base[kept] = base[k]
            kept += 1
        }
        count = kept
    }
}
