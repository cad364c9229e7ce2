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
        if ref.hasPrefix("https://") || ref.hasPrefix("http://") { return ref }
        if let scheme = Self.scheme(of: ref) {
            return Self.refusedSchemes.contains(scheme) ? nil : ref
        }
        guard !ref.isEmpty || base != nil else { return nil }
        guard let base, let baseURL = url(for: base),
              let resolved = URL(string: ref, relativeTo: baseURL)?.absoluteString
        else { return ref.isEmpty ? nil : ref }
        if let scheme = Self.scheme(of: resolved), Self.refusedSchemes.contains(scheme) { return nil }
        return resolved
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
