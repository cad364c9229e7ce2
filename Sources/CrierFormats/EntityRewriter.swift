import CLibXML2
import Foundation

/// Rewrites entity references into numeric character references before libxml2 sees them.
///
/// Why: feeds are full of HTML named entities (`&nbsp;`, `&eacute;`, `&hellip;`) that XML
/// does not define, and of bare ampersands ("AT&T"). libxml2 reports each as a fatal error,
/// and after the first one it silently drops *every* later entity reference, even `&amp;`.
/// Rewriting everything to `&#NNN;` (which libxml2 always decodes) keeps the text intact:
/// - HTML named entities and the five XML ones become numeric references;
/// - a bare `&` becomes `&#38;`, so it stays visible text;
/// - numeric references to Windows-1252 code points or to illegal characters are fixed;
/// - unknown names are kept as text, unless the document has an internal DTD subset (where
///   libxml2 then drops them: DTD entities are never expanded, see ``SAXPushParser``).
/// CDATA sections are copied untouched, since entities mean nothing there.
enum EntityRewriter {
    /// The rewritten bytes (the input itself when nothing needed changing) and what was seen.
    struct Result {
        var bytes: [UInt8]
        var warnings: [String]
    }

    private static let doctype = Array("<!DOCTYPE".utf8)

    /// Rewrites one document; one pass, `memchr` between ampersands.
    ///
    /// - Parameter predefined: also rewrite `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`.
    ///   Only needed when libxml2 meets some *other* fatal error (after which it would drop
    ///   them); ``FeedParser`` then parses a second time with this set. Leaving them alone
    ///   by default means a clean feed is not copied at all.
    static func rewrite(_ input: [UInt8], predefined: Bool = false) -> Result {
        input.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress, !buffer.isEmpty else {
                return Result(bytes: input, warnings: [])
            }
            var state = State(p: p, n: buffer.count, predefined: predefined)
            state.run()
            guard state.changed else { return Result(bytes: input, warnings: state.warnings()) }
            state.out.append(contentsOf: UnsafeBufferPointer(start: p + state.copied, count: state.n - state.copied))
            return Result(bytes: state.out, warnings: state.warnings())
        }
    }

    /// Finds the next `<![CDATA[` in `p[from..<n]` (n when absent). Why not `memmem`: it
    /// would scan every byte with a slower algorithm; `!` is rare in feeds and `memchr` on
    /// it is a vectorised scan.
    private static func findCDATAOpen(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        var i = from + 1
        while i < n, let hit = crier_memchr(p + i, 0x21, n - i) {
            let bang = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            if p[bang - 1] == 0x3C, bang + 8 <= n,
               memcmp(p + bang + 1, "[CDATA[", 7) == 0 {
                return bang - 1
            }
            i = bang + 1
        }
        return n
    }

    /// Finds the next `]]>` in `p[from..<n]` (n when absent), by `memchr` on the rare `]`.
    private static func findCDATAClose(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        var i = from
        while i < n, let hit = crier_memchr(p + i, 0x5D, n - i) {
            let bracket = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            if bracket + 2 < n, p[bracket + 1] == 0x5D, p[bracket + 2] == 0x3E { return bracket }
            i = bracket + 1
        }
        return n
    }

    /// Searches `needle` in `p[from..<n]`; returns n when absent.
    private static func find(_ needle: [UInt8], _ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        guard from < n else { return n }
        return needle.withUnsafeBufferPointer { nb in
            guard let hit = memmem(p + from, n - from, nb.baseAddress, nb.count) else { return n }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
        }
    }

    private struct State {
        let p: UnsafePointer<UInt8>
        let n: Int
        var out: [UInt8] = []
        var changed = false
        /// Input before this offset has been handled (copied to `out` once `changed`).
        var copied = 0
        var keepUnknownNames = false
        var htmlNames: [[UInt8]] = []
        var moreHTMLNames = 0
        var bareAmpersands = 0
        var unknownNames = 0
        var badCharRefs = 0

        let predefined: Bool

        init(p: UnsafePointer<UInt8>, n: Int, predefined: Bool) {
            self.p = p
            self.n = n
            self.predefined = predefined
        }

        mutating func run() {
            keepUnknownNames = hasInternalSubset()
            var pos = 0
            var nextCDATA = EntityRewriter.findCDATAOpen(p, from: 0, n)
            while pos < n {
                guard let hit = crier_memchr(p + pos, 0x26, n - pos) else { break }
                let amp = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
                if amp > nextCDATA {
                    let close = EntityRewriter.findCDATAClose(p, from: nextCDATA + 9, n)
                    pos = min(n, close + 3)
                    nextCDATA = EntityRewriter.findCDATAOpen(p, from: pos, n)
                    continue
                }
                pos = handleAmpersand(at: amp)
            }
        }

        /// Whether a `<!DOCTYPE ... [` internal subset opens the document.
        private func hasInternalSubset() -> Bool {
            let limit = min(n, 4096)
            let at = EntityRewriter.find(doctype, p, from: 0, limit)
            guard at < limit else { return false }
            for i in at..<n {
                if p[i] == 0x5B { return true }   // [
                if p[i] == 0x3E { return false }  // >
            }
            return false
        }

        /// Handles the `&` at `amp`; returns where scanning resumes.
        private mutating func handleAmpersand(at amp: Int) -> Int {
            let i = amp + 1
            if i < n && p[i] == 0x23 { return handleCharRef(at: amp) }
            var end = i
            while end < n, end - i <= HTMLEntities.maxNameLength, isNameByte(p[end]) { end += 1 }
            let length = end - i
            if length == 0 {
                bareAmpersands += 1
                replace(amp, amp + 1, scalars: 0x26, 0)
                return amp + 1
            }
            let terminated = end < n && p[end] == 0x3B
            if terminated && !predefined && isPredefined(i, length) { return end + 1 }
            if let entity = HTMLEntities.shared.lookup(p + i, length), terminated || entity.legacy {
                noteHTMLName(i, length)
                replace(amp, terminated ? end + 1 : end, scalars: entity.first, entity.second)
                return terminated ? end + 1 : end
            }
            if terminated && keepUnknownNames { return end + 1 }
            if terminated { unknownNames += 1 } else { bareAmpersands += 1 }
            replace(amp, amp + 1, scalars: 0x26, 0)
            return amp + 1
        }

        /// `&#NNN;` / `&#xHHH;`: kept when valid, fixed when not.
        private mutating func handleCharRef(at amp: Int) -> Int {
            var j = amp + 2
            var hex = false
            if j < n && (p[j] == 0x78 || p[j] == 0x58) { hex = true; j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < n, j - digitsStart < 10 {
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
            guard j > digitsStart, j < n, p[j] == 0x3B else {
                bareAmpersands += 1
                replace(amp, amp + 1, scalars: 0x26, 0)
                return amp + 1
            }
            let fixed = HTMLEntities.sanitizeCodePoint(value)
            if fixed == value { return j + 1 }
            badCharRefs += 1
            replace(amp, j + 1, scalars: fixed ?? 0, 0)
            return j + 1
        }

        /// `amp`, `lt`, `gt`, `quot`, `apos`: the names XML itself defines.
        @inline(__always)
        private func isPredefined(_ start: Int, _ length: Int) -> Bool {
            let c = p[start]
            switch length {
            case 2: return (c == 0x6C || c == 0x67) && p[start + 1] == 0x74
            case 3: return c == 0x61 && p[start + 1] == 0x6D && p[start + 2] == 0x70
            case 4:
                return (c == 0x71 && p[start + 1] == 0x75 && p[start + 2] == 0x6F && p[start + 3] == 0x74)
                    || (c == 0x61 && p[start + 1] == 0x70 && p[start + 2] == 0x6F && p[start + 3] == 0x73)
            default: return false
            }
        }

        @inline(__always)
        private func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }

        /// Emits `&#first;&#second;` (0 means none) in place of `p[from..<to]`.
        private mutating func replace(_ from: Int, _ to: Int, scalars first: UInt32, _ second: UInt32) {
            if !changed {
                changed = true
                out.reserveCapacity(n + n / 32 + 64)
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: from - copied))
            if first != 0 { appendReference(first) }
            if second != 0 { appendReference(second) }
            copied = to
        }

        @inline(__always)
        private mutating func appendReference(_ scalar: UInt32) {
            out.append(0x26)
            out.append(0x23)
            appendDecimal(scalar)
            out.append(0x3B)
        }

        private mutating func appendDecimal(_ value: UInt32) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0)
            var v = value
            var count = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat {
                    d[count] = UInt8(0x30 + v % 10)
                    v /= 10
                    count += 1
                } while v > 0 && count < 7
                for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
            }
        }

        /// Remembers up to five distinct HTML names for the warnings; XML's own five are
        /// not worth a warning.
        private mutating func noteHTMLName(_ start: Int, _ length: Int) {
            if isPredefined(start, length) { return }
            let name = UnsafeBufferPointer(start: p + start, count: length)
            if htmlNames.contains(where: { $0.elementsEqual(name) }) { return }
            if htmlNames.count < 5 { htmlNames.append(Array(name)) } else { moreHTMLNames += 1 }
        }

        func warnings() -> [String] {
            var result = htmlNames.map {
                "undefined entity &\(String(decoding: $0, as: UTF8.self)); replaced"
            }
            if moreHTMLNames > 0 { result.append("more undefined HTML entities replaced") }
            if bareAmpersands > 0 { result.append("\(bareAmpersands) unescaped & kept as text") }
            if unknownNames > 0 { result.append("\(unknownNames) unknown entity references kept as text") }
            if badCharRefs > 0 { result.append("\(badCharRefs) invalid character references fixed") }
            return result
        }
    }
}
