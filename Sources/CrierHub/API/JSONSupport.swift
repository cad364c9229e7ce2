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

/// Date and JSON formats shared by the entities.
enum APIFormat {
    /// ISO 8601 in UTC with milliseconds: `2019-11-23T07:49:02.064Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(iso8601)
    }

    /// A calendar day in UTC, as in `last_status_at`: `2019-11-23`.
    static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(10))
    }

    private static let iso8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Encodes an entity with Mastodon's snake_case keys.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
