import Foundation

/// An optional that encodes as JSON `null` rather than being left out, as Mastodon clients expect
/// (`"edited_at": null`).
struct Nullable<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    var value: Wrapped?

    init(_ value: Wrapped?) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// An entity that is always empty in this hub (`"emojis": []`, `"reblog": null`).
struct Nothing: Encodable, Sendable {}

/// The JSON format shared by the entities.
enum APIFormat {
    /// Encodes an entity with Mastodon's snake_case keys.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
