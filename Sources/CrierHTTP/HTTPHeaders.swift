/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order and duplicates are kept as they were received, because some fields (`Set-Cookie`, `Link`)
/// legitimately repeat and their order can matter.
///
/// ```swift
/// var headers = HTTPHeaders([("Accept", "application/json")])
/// headers.add("Accept-Language", "en")
/// headers["accept"]   // "application/json"
/// ```
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    /// One header field as it appeared on the wire.
    public typealias Element = (name: String, value: String)

    private var fields: [Element]

    /// Creates headers from `(name, value)` pairs, keeping their order.
    public init(_ pairs: [(String, String)] = []) {
        self.fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of the field called `name`, compared case-insensitively; `nil` if absent.
    public subscript(_ name: String) -> String? {
        let key = name.lowercased()
        return self.fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of the field called `name`, in order, compared case-insensitively.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return self.fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Appends a field; an existing field of the same name is kept, not replaced.
    public mutating func add(_ name: String, _ value: String) {
        self.fields.append((name: name, value: value))
    }

    /// Whether a field called `name` is present, compared case-insensitively.
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// The number of fields, counting repeats.
    public var count: Int { self.fields.count }

    /// Iterates the fields in the order they were added.
    public func makeIterator() -> IndexingIterator<[Element]> {
        self.fields.makeIterator()
    }

    /// Two header lists are equal when they hold the same fields in the same order; names compare
    /// case-insensitively, values exactly.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name.lowercased() == $1.name.lowercased() && $0.value == $1.value }
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Creates headers from a literal, keeping the literal's order: `["Accept": "text/html"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}
