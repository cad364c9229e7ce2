import Foundation

/// Turns the links a feed gives (often relative, sometimes hostile) into absolute URLs.
///
/// Absolute links, the vast majority, are checked by looking at their scheme only; Foundation
/// is reached for relative ones, with the parsed base cached because every entry of a feed
/// shares it.
struct URLResolver {
    private var cachedBaseString: String?
    private var cachedBase: URL?

    /// Schemes a bridge must never pass on as a link or an image: script execution, inline
    /// payloads and local files.
    private static let refusedSchemes: Set<String> = ["javascript", "vbscript", "data", "file"]

    /// Resolves `reference` against `base`; nil when it is empty or uses a refused scheme.
    /// A relative reference with no usable base is returned as given.
    mutating func resolve(_ reference: String, against base: String?) -> String? {
        let ref = Trim.string(reference)
        if Self.isHTTP(ref) { return ref }
        if let scheme = Self.scheme(of: ref) {
            return Self.refusedSchemes.contains(scheme) ? nil : ref
        }
        guard !ref.isEmpty || base != nil else { return nil }
        if let base, let fast = fastResolve(ref, against: base) { return fast }
        guard let base, let baseURL = url(for: base),
              let resolved = URL(string: ref, relativeTo: baseURL)?.absoluteString
        else { return ref.isEmpty ? nil : ref }
        if let scheme = Self.scheme(of: resolved), Self.refusedSchemes.contains(scheme) { return nil }
        return resolved
    }

    /// `scheme:`, `scheme://authority` and the directory (ending in `/`) of an http(s) base.
    private var cachedParts: (base: String, scheme: String, origin: String, directory: String)?

    /// Resolves the common relative shapes (`//host/x`, `/x`, `x/y`) against an http(s)
    /// base without Foundation, whose URL parsing dominated link resolution in profiles.
    /// Anything else (dot segments, queries, fragments, non-ASCII, spaces) returns nil and
    /// goes through Foundation.
    private mutating func fastResolve(_ ref: String, against base: String) -> String? {
        guard let first = ref.utf8.first, first != 0x3F, first != 0x23, first != 0x2E else { return nil }
        // Printable ASCII only, and no dot segment ("./" or "../") to normalise.
        var previous: UInt8 = 0
        for b in ref.utf8 {
            guard b > 0x20, b < 0x7F, b != 0x5C, !(b == 0x2F && previous == 0x2E) else { return nil }
            previous = b
        }
        if cachedParts?.base != base { cachedParts = Self.parts(of: base) }
        guard let parts = cachedParts, parts.base == base else { return nil }
        let utf8 = ref.utf8
        if first == 0x2F {
            if utf8.count > 1, utf8[utf8.index(after: utf8.startIndex)] == 0x2F { return parts.scheme + ref }
            return parts.origin + ref
        }
        return parts.directory + ref
    }

    private static func parts(of base: String) -> (base: String, scheme: String, origin: String, directory: String)? {
        let b = Array(base.utf8)
        let schemeLength: Int
        if b.starts(with: Array("https://".utf8)) {
            schemeLength = 5
        } else if b.starts(with: Array("http://".utf8)) {
            schemeLength = 4
        } else {
            return nil
        }
        guard b.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x5C }) else { return nil }
        var end = b.count
        if let q = b.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) { end = q }
        let authorityStart = schemeLength + 3
        var pathStart = authorityStart
        while pathStart < end, b[pathStart] != 0x2F { pathStart += 1 }
        guard pathStart > authorityStart else { return nil }
        let origin = String(decoding: b[..<pathStart], as: UTF8.self)
        var directory = origin + "/"
        if pathStart < end, let slash = b[pathStart..<end].lastIndex(of: 0x2F) {
            let path = b[pathStart...slash]
            guard !path.contains(0x2E) || !String(decoding: path, as: UTF8.self).contains("/.") else { return nil }
            directory = String(decoding: b[..<(slash + 1)], as: UTF8.self)
        }
        return (base, String(decoding: b[..<(schemeLength + 1)], as: UTF8.self), origin, directory)
    }

    private mutating func url(for base: String) -> URL? {
        if base == cachedBaseString { return cachedBase }
        cachedBaseString = base
        cachedBase = URL(string: Trim.string(base))
        if let scheme = cachedBase.flatMap({ Self.scheme(of: $0.absoluteString) }),
           Self.refusedSchemes.contains(scheme) {
            cachedBase = nil
        }
        return cachedBase
    }

    /// Whether `s` starts with `https://` or `http://` (lowercase, as nearly every link is);
    /// byte-level, because `String.hasPrefix` compares by `Character` and showed in profiles.
    static func isHTTP(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { p -> Bool in
            guard p.count >= 7, p[0] == 0x68, p[1] == 0x74, p[2] == 0x74, p[3] == 0x70 else { return false }
            let i = p[4] == 0x73 ? 5 : 4
            return p.count >= i + 3 && p[i] == 0x3A && p[i + 1] == 0x2F && p[i + 2] == 0x2F
        } ?? (s.hasPrefix("https://") || s.hasPrefix("http://"))
    }

    /// The lowercased scheme when `s` starts with one (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").
    static func scheme(of s: String) -> String? {
        var utf8 = s.utf8.makeIterator()
        var scheme: [UInt8] = []
        while let b = utf8.next() {
            switch b {
            case 0x41...0x5A, 0x61...0x7A:
                scheme.append(b | 0x20)
            case 0x30...0x39, 0x2B, 0x2D, 0x2E:
                if scheme.isEmpty { return nil }
                scheme.append(b)
            case 0x3A where !scheme.isEmpty:
                return String(decoding: scheme, as: UTF8.self)
            default:
                return nil
            }
            if scheme.count > 32 { return nil }
        }
        return nil
    }
}
