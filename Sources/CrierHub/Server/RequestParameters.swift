import Foundation
import Hummingbird

/// Named request parameters, in order, from a query string or a body (form-urlencoded or JSON).
///
/// Rails-style array names are accepted with or without brackets: `all("types")` returns the
/// values of both `types[]` and `types`.
struct RequestParameters: Sendable {
    /// Name and value pairs, decoded, in the order received.
    var pairs: [(name: String, value: String)] = []

    /// The first value of `name`, if any.
    subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name` and of `name[]`.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name || $0.name == name + "[]" }.map(\.value)
    }

    /// Whether `name` is `true` or `1`.
    func flag(_ name: String) -> Bool {
        self[name].map { $0 == "true" || $0 == "1" } ?? false
    }

    /// The parameters of the request's query string.
    static func query(of request: Request) -> RequestParameters {
        request.uri.query.map(formEncoded) ?? RequestParameters()
    }

    /// The body's parameters (JSON when the Content-Type says so, form-urlencoded otherwise),
    /// followed by the query's, so that a body value wins.
    static func bodyAndQuery(of request: Request, maxSize: Int = 1 << 20) async throws -> RequestParameters {
        var request = request
        let buffer = try await request.collectBody(upTo: maxSize)
        let body = Data(buffer.readableBytesView)
        var parameters: RequestParameters
        if request.headers[.contentType]?.lowercased().contains("json") == true {
            parameters = try json(body)
        } else {
            parameters = formEncoded(String(decoding: body, as: UTF8.self))
        }
        parameters.pairs += query(of: request).pairs
        return parameters
    }

    /// Parses `a=1&b=x+y&c=%2F`.
    static func formEncoded(_ text: String) -> RequestParameters {
        var parameters = RequestParameters()
        for field in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                let spaced = String(part.replacing("+", with: " "))
                return spaced.removingPercentEncoding ?? spaced
            }
            parameters.pairs.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return parameters
    }

    /// Reads a JSON object's scalar members (and arrays of scalars) as strings; `null` and nested
    /// objects are ignored.
    static func json(_ body: Data) throws -> RequestParameters {
        guard !body.isEmpty else { return RequestParameters() }
        guard let object = try? JSONDecoder().decode([String: JSONParameter].self, from: body) else {
            throw APIError(status: .badRequest, message: "The request body must be a JSON object")
        }
        var parameters = RequestParameters()
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            parameters.pairs += value.strings.map { (name, $0) }
        }
        return parameters
    }
}

/// A member of a JSON request body, read as the strings a form would carry: numbers in their
/// shortest form (`"in_reply_to_id": 12` is `12`), booleans as `true`/`false`.
private enum JSONParameter: Decodable {
    case values([String])

    var strings: [String] {
        switch self { case .values(let values): values }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .values([])
        } else if let array = try? container.decode([JSONParameter].self) {
            self = .values(array.flatMap(\.strings))
        } else {
            self = .values(Self.scalar(container).map { [$0] } ?? [])
        }
    }

    private static func scalar(_ container: any SingleValueDecodingContainer) -> String? {
        if let string = try? container.decode(String.self) { return string }
        if let bool = try? container.decode(Bool.self) { return bool ? "true" : "false" }
        if let integer = try? container.decode(Int64.self) { return String(integer) }
        if let number = try? container.decode(Double.self) { return String(number) }
        return nil
    }
}

/// Reading pagination parameters and writing the `Link` header.
extension RequestParameters {
    /// `limit`, `max_id`, `since_id` and `min_id`, with the limit clamped to `1...maxLimit`.
    func page(defaultLimit: Int, maxLimit: Int) -> PageRequest {
        let limit = self["limit"].flatMap(Int.init).map { min(max($0, 1), maxLimit) } ?? defaultLimit
        return PageRequest(
            limit: limit,
            maxId: self["max_id"].flatMap(Int64.init),
            sinceId: self["since_id"].flatMap(Int64.init),
            minId: self["min_id"].flatMap(Int64.init)
        )
    }

    /// The `Link` header for a page whose ids are `ids` (newest first): `rel="next"` with the oldest
    /// id as `max_id`, `rel="prev"` with the newest as `min_id`; nil for an empty page. Other query
    /// parameters are kept.
    func linkHeader(url: String, ids: [Int64]) -> String? {
        guard let newest = ids.first, let oldest = ids.last else { return nil }
        let kept = pairs.filter { !["max_id", "min_id", "since_id"].contains($0.name) }
        func link(_ name: String, _ id: Int64, _ rel: String) -> String {
            let query = (kept + [(name, String(id))]).map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }
            return "<\(url)?\(query.joined(separator: "&"))>; rel=\"\(rel)\""
        }
        return link("max_id", oldest, "next") + ", " + link("min_id", newest, "prev")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~[]")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
