import CLibXML2

/// Decodes HTML character references in text that has no tags, without libxml2.
///
/// Why: titles and many descriptions contain entities but no markup; decoding them here
/// is an order of magnitude cheaper than building an HTML document for each. The rules
/// follow HTML5: named references from the full table (legacy names also without `;`),
/// numeric references with the Windows-1252 fix-ups, and anything else kept literally.
enum HTMLEntityDecoder {
    /// Decodes `input` and appends the text to `out`.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into out: inout PlainTextBuilder) {
        guard let p = input.baseAddress else { return }
        let n = input.count
        var runStart = 0
        var i = 0
        while i < n {
            guard let hit = crier_memchr(p + i, 0x26, n - i) else { break }
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            if i > runStart { out.append(p + runStart, i - runStart) }
            let (consumed, first, second) = reference(p + i, n - i)
            if consumed == 0 {
                out.append(p + i, 1)
                i += 1
            } else {
                if first != 0 { out.append(scalar: first) }
                if second != 0 { out.append(scalar: second) }
                i += consumed
            }
            runStart = i
        }
        if n > runStart { out.append(p + runStart, n - runStart) }
    }

    /// Reads a reference starting at `&`; returns bytes consumed (0 if it is not one) and
    /// up to two scalars (0 for none).
    static func reference(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int, UInt32, UInt32) {
        guard n > 1 else { return (0, 0, 0) }
        if p[1] == 0x23 {
            var j = 2
            var hex = false
            if j < n && (p[j] == 0x78 || p[j] == 0x58) { hex = true; j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < n, j - start < 10 {
                let b = p[j]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(b - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(b - 0x41 + 10)
                default: digit = 99
                }
                if digit == 99 { break }
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                j += 1
            }
            guard j > start else { return (0, 0, 0) }
            if j < n && p[j] == 0x3B { j += 1 }
            return (j, HTMLEntities.sanitizeCodePoint(value) ?? 0, 0)
        }
        var end = 1
        while end < n, end <= HTMLEntities.maxNameLength + 1 {
            let b = p[end]
            guard (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) else { break }
            end += 1
        }
        guard end > 1, let entity = HTMLEntities.shared.lookup(p + 1, end - 1) else { return (0, 0, 0) }
        if end < n && p[end] == 0x3B { return (end + 1, entity.first, entity.second) }
        return entity.legacy ? (end, entity.first, entity.second) : (0, 0, 0)
    }
}
