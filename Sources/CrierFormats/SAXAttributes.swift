import CLibXML2

/// A read-only view of the attributes libxml2 hands to a SAX2 `startElementNs` callback.
///
/// libxml2 passes five pointers per attribute (local name, prefix, URI, value start, value
/// end); values are already decoded and not NUL-terminated. Nothing is copied until a value
/// is asked for, and only the few attributes the mapping reads ever are.
struct SAXAttributes {
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the first attribute whose local name is `name`, whatever its namespace.
    func value(_ name: StaticString) -> String? {
        guard let i = index(of: name) else { return nil }
        return value(at: i)
    }

    /// The value of the attribute with this local name and interned namespace URI.
    func value(_ name: StaticString, uri: UnsafeRawPointer?) -> String? {
        guard let p = pointers else { return nil }
        for i in 0..<count where UnsafeRawPointer(p[i * 5 + 2]) == uri && matches(p[i * 5], name) {
            return value(at: i)
        }
        return nil
    }

    /// The value of the attribute whose prefix pointer is `prefix` and local name is `name`.
    func value(_ name: StaticString, prefix: UnsafeRawPointer?) -> String? {
        guard let p = pointers, prefix != nil else { return nil }
        for i in 0..<count where UnsafeRawPointer(p[i * 5 + 1]) == prefix && matches(p[i * 5], name) {
            return value(at: i)
        }
        return nil
    }

    /// Local name of attribute `i` (for serialising XHTML).
    func localName(at i: Int) -> UnsafePointer<xmlChar>? { pointers?[i * 5] }

    /// Raw value bytes of attribute `i`.
    func valueBytes(at i: Int) -> UnsafeBufferPointer<UInt8> {
        guard let p = pointers, let start = p[i * 5 + 3], let end = p[i * 5 + 4] else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    private func index(of name: StaticString) -> Int? {
        guard let p = pointers else { return nil }
        for i in 0..<count where matches(p[i * 5], name) { return i }
        return nil
    }

    private func value(at i: Int) -> String {
        String(decoding: valueBytes(at: i), as: UTF8.self)
    }

    @inline(__always)
    private func matches(_ local: UnsafePointer<xmlChar>?, _ name: StaticString) -> Bool {
        guard let local else { return false }
        let n = name.utf8CodeUnitCount
        let s = name.utf8Start
        for k in 0..<n where local[k] != s[k] { return false }
        return local[n] == 0
    }
}
