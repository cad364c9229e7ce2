import CLibXML2
import Foundation

/// HTML to plain text in one pass over the bytes, for the HTML that feeds carry.
///
/// It tokenises like a browser does for text purposes (tags with quoted attributes,
/// comments, doctypes, character references, raw-text `script`/`style`) and applies the same
/// ``HTMLTag`` / ``HTMLTextLayout`` rules as the libxml2 tree walk. It declines (returns
/// false) whenever its answer could differ from libxml2's in a way that matters: CDATA
/// sections, processing instructions, whole documents (`html`/`head`/`body` tags), or any
/// construct left unterminated. Output safety does not depend on this type: everything goes
/// through ``PlainTextBuilder``, which keeps text inert.
enum HTMLFastConverter {
    /// Converts `html` into `out`; false means "use libxml2" and leaves `out` and `images`
    /// to be discarded.
    static func convert(
        _ html: UnsafeBufferPointer<UInt8>, into out: inout PlainTextBuilder,
        images: inout [String], wantImages: Bool
    ) -> Bool {
        guard let p = html.baseAddress else { return true }
        let n = html.count
        var layout = HTMLTextLayout()
        // Open elements whose end must be matched: (tag, lowercase name).
        var open: [(tag: HTMLTag, name: TagName)] = []
        var i = 0
        var textStart = 0
        while i < n {
            i = nextMarkup(p, i, n)
            guard i < n else { break }
            let b = p[i]
            if i > textStart { out.append(p + textStart, i - textStart) }
            if b == 0x26 {
                let (consumed, first, second) = HTMLEntityDecoder.reference(p + i, n - i)
                if consumed == 0 {
                    out.append(p + i, 1)
                    i += 1
                } else {
                    if first != 0 { out.append(scalar: first) }
                    if second != 0 { out.append(scalar: second) }
                    i += consumed
                }
                textStart = i
                continue
            }
            // `<`
            guard i + 1 < n else {
                out.append(p + i, 1)
                i += 1
                textStart = i
                continue
            }
            let next = p[i + 1]
            if isLetter(next) {
                guard let tag = readTag(p, n, i + 1) else { return false }
                if tag.name.isDocumentStructure { return false }
                let kind = tag.name.classify()
                if kind == .image, wantImages, let src = tag.imageSource { images.append(src) }
                i = tag.end
                if kind == .skip {
                    guard let after = skipContent(of: tag.name, p, n, from: i, selfClosing: tag.selfClosing) else {
                        return false
                    }
                    i = after
                } else if layout.enter(kind, into: &out), !tag.selfClosing, !tag.name.isVoid {
                    open.append((kind, tag.name))
                }
            } else if next == 0x2F {
                guard i + 2 < n, isLetter(p[i + 2]), let tag = readTag(p, n, i + 2) else { return false }
                if tag.name.isDocumentStructure { return false }
                i = tag.end
                // Close the innermost matching element and anything left open inside it.
                if let k = open.lastIndex(where: { $0.name == tag.name }) {
                    while open.count > k {
                        layout.leave(open.removeLast().tag, into: &out)
                    }
                }
                // An end tag with nothing open to close (`</br>`, stray `</p>`) is ignored,
                // as libxml2 does.
            } else if next == 0x21 {
                guard let end = skipMarkupDeclaration(p, n, i) else { return false }
                i = end
            } else if next == 0x3F {
                return false  // processing instruction
            } else {
                out.append(p + i, 1)  // a `<` that opens nothing is text
                i += 1
            }
            textStart = i
        }
        if n > textStart { out.append(p + textStart, n - textStart) }
        while let last = open.popLast() { layout.leave(last.tag, into: &out) }
        return true
    }

    /// Whether an image source is an inline `data:` URI (a lazy-loading placeholder).
    static func isDataURI(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard utf8.count >= 5 else { return false }
        return utf8.prefix(5).map { $0 | 0x20 }.elementsEqual("data:".utf8)
    }

    /// Index of the next `<` or `&` at or after `from` (or `n`), eight bytes at a time.
    @inline(__always)
    private static func nextMarkup(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var i = from
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let a = w ^ 0x3C3C_3C3C_3C3C_3C3C, b = w ^ 0x2626_2626_2626_2626
            // Classic "has zero byte" test; its lowest set bit is always exact.
            let hit = (((a &- ones) & ~a) | ((b &- ones) & ~b)) & high
            if hit != 0 { return i + hit.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n, p[i] != 0x3C, p[i] != 0x26 { i += 1 }
        return i
    }

    // MARK: Tags

    /// A lowercase tag name, up to 15 bytes (longer names matter to no rule).
    struct TagName: Equatable {
        var bytes: (UInt64, UInt64) = (0, 0)
        var length = 0

        static func == (a: TagName, b: TagName) -> Bool {
            a.length == b.length && a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1
        }

        /// The classification shared with the libxml2 walk.
        func classify() -> HTMLTag {
            if length <= 8 { return HTMLTag.classify(packed: bytes.0) }
            guard length <= 15 else { return .inline }
            var copy = bytes
            return withUnsafeBytes(of: &copy) { HTMLTag.classify($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        }

        /// Packs a name of at most eight bytes the way ``readTag`` stores it.
        static func packed(_ name: StaticString) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<min(8, name.utf8CodeUnitCount) { v |= UInt64(name.utf8Start[i]) << (8 * UInt64(i)) }
            return v
        }

        static let img = packed("img")
        static let script = packed("script")
        static let style = packed("style")
        // Plain arrays, scanned linearly: a Set's hashing cost more than these few compares.
        static let structure: [UInt64] = [packed("html"), packed("head"), packed("body")]
        static let void: [UInt64] = (["br", "img", "hr", "input", "meta", "link", "area", "base", "col",
                                      "embed", "param", "source", "track", "wbr"] as [StaticString]).map(packed)

        /// Equality with a name of at most eight bytes, packed by ``packed(_:)``.
        @inline(__always)
        func equals(packed name: UInt64) -> Bool { length <= 8 && bytes.0 == name }

        var isDocumentStructure: Bool { length == 4 && Self.structure.contains(bytes.0) }

        var isVoid: Bool { length <= 6 && Self.void.contains(bytes.0) }
    }

    private struct Tag {
        var name: TagName
        /// Index just past the closing `>`.
        var end: Int
        var selfClosing: Bool
        var imageSource: String?
    }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }

    /// Reads a start or end tag whose name starts at `start`; nil when it never ends.
    private static func readTag(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Tag? {
        var name = TagName()
        var i = start
        withUnsafeMutableBytes(of: &name.bytes) { raw in
            while i < n, !isSpace(p[i]), p[i] != 0x3E, p[i] != 0x2F {
                if name.length < 15 {
                    let c = p[i]
                    raw[name.length] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                }
                name.length += 1
                i += 1
            }
        }
        var tag = Tag(name: name, end: i, selfClosing: false, imageSource: nil)
        let wantsSource = name.equals(packed: TagName.img)
        var src: String?
        var lazy: String?
        // Attributes: name [= value], values quoted with " or ' or unquoted.
        while i < n {
            let c = p[i]
            if c == 0x3E {
                tag.end = i + 1
                if wantsSource {
                    tag.imageSource = (src.flatMap { isDataURI($0) ? nil : $0 }) ?? lazy
                }
                return tag
            }
            if c == 0x2F {
                tag.selfClosing = i + 1 < n && p[i + 1] == 0x3E
                i += 1
                continue
            }
            if isSpace(c) {
                i += 1
                continue
            }
            let nameStart = i
            while i < n, !isSpace(p[i]), p[i] != 0x3E, p[i] != 0x3D, !(p[i] == 0x2F && i + 1 < n && p[i + 1] == 0x3E) { i += 1 }
            let attribute = UnsafeBufferPointer(start: p + nameStart, count: i - nameStart)
            while i < n, isSpace(p[i]) { i += 1 }
            guard i < n, p[i] == 0x3D else { continue }
            i += 1
            while i < n, isSpace(p[i]) { i += 1 }
            guard i < n else { return nil }
            var valueStart = i
            var valueEnd: Int
            if p[i] == 0x22 || p[i] == 0x27 {
                let quote = p[i]
                valueStart = i + 1
                var j = valueStart
                while j < n, p[j] != quote { j += 1 }
                guard j < n else { return nil }
                valueEnd = j
                i = j + 1
            } else {
                while i < n, !isSpace(p[i]), p[i] != 0x3E { i += 1 }
                valueEnd = i
            }
            if wantsSource {
                if caseInsensitiveEquals(attribute, "src") {
                    src = attributeValue(p + valueStart, valueEnd - valueStart)
                } else if lazy == nil, caseInsensitiveEquals(attribute, "data-src") || caseInsensitiveEquals(attribute, "data-lazy-src") {
                    lazy = attributeValue(p + valueStart, valueEnd - valueStart)
                }
            }
        }
        return nil
    }

    private static func caseInsensitiveEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        for k in 0..<bytes.count where bytes[k] | 0x20 != name.utf8Start[k] | 0x20 { return false }
        return true
    }

    /// An attribute value with character references decoded, trimmed; nil when empty.
    private static func attributeValue(_ p: UnsafePointer<UInt8>, _ n: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        while i < n {
            if p[i] == 0x26 {
                let (consumed, first, second) = HTMLEntityDecoder.reference(p + i, n - i)
                if consumed > 0 {
                    if first != 0 { UTF8Bytes.append(scalar: first, to: &out) }
                    if second != 0 { UTF8Bytes.append(scalar: second, to: &out) }
                    i += consumed
                    continue
                }
            }
            out.append(p[i])
            i += 1
        }
        return out.withUnsafeBufferPointer { Trim.nonEmpty(String(decoding: $0, as: UTF8.self)) }
    }

    // MARK: Skipped content, comments, declarations

    /// Skips the content of a dropped element up to and including its end tag. Raw-text
    /// elements (`script`, `style`) end at the first matching end tag; others count nesting.
    /// An element never closed swallows the rest, as in libxml2's tree. Nil: give up.
    private static func skipContent(
        of name: TagName, _ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, selfClosing: Bool
    ) -> Int? {
        if selfClosing || name.isVoid { return start }
        let rawText = name.equals(packed: TagName.script) || name.equals(packed: TagName.style)
        var depth = 1
        var i = start
        while i < n {
            guard let hit = find(0x3C, p, i, n) else { return n }
            i = hit
            if i + 1 < n, p[i + 1] == 0x2F, i + 2 < n, isLetter(p[i + 2]) {
                guard let tag = readTag(p, n, i + 2) else { return rawText ? n : nil }
                if tag.name == name {
                    depth -= 1
                    if depth == 0 || rawText { return tag.end }
                }
                i = tag.end
            } else if !rawText, i + 1 < n, isLetter(p[i + 1]) {
                guard let tag = readTag(p, n, i + 1) else { return nil }
                if tag.name == name && !tag.selfClosing { depth += 1 }
                i = tag.end
            } else if !rawText, i + 3 < n, p[i + 1] == 0x21 {
                guard let end = skipMarkupDeclaration(p, n, i) else { return nil }
                i = end
            } else {
                i += 1
            }
        }
        return n
    }

    /// `<!-- ... -->` or `<!DOCTYPE ...>`; nil for CDATA or anything unterminated.
    private static func skipMarkupDeclaration(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int? {
        if start + 3 < n, p[start + 2] == 0x2D, p[start + 3] == 0x2D {
            var i = start + 4
            while i + 2 < n {
                if p[i] == 0x2D, p[i + 1] == 0x2D, p[i + 2] == 0x3E { return i + 3 }
                i += 1
            }
            return nil
        }
        if start + 2 < n, p[start + 2] == 0x5B { return nil }  // <![CDATA[
        guard let close = find(0x3E, p, start, n) else { return nil }
        return close + 1
    }

    /// Index of the next `byte` in `p[from..<n]`, via memchr.
    @inline(__always)
    private static func find(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int? {
        guard from < n, let hit = crier_memchr(p + from, Int32(byte), n - from) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
    }
}
