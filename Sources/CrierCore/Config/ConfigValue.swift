/// A plain TOML value, as handed to connector and sink factories for their own keys.
public enum ConfigValue: Sendable, Equatable {
    /// A TOML string (dates and times arrive as their RFC 3339 text).
    case string(String)
    /// A TOML integer.
    case integer(Int)
    /// A TOML float.
    case double(Double)
    /// A TOML boolean.
    case bool(Bool)
    /// A TOML array.
    case array([ConfigValue])
    /// A TOML table or inline table.
    case table([String: ConfigValue])

    /// The string, or `nil` for any other type.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer, or `nil` for any other type.
    public var intValue: Int? { if case .integer(let i) = self { i } else { nil } }
    /// The boolean, or `nil` for any other type.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The elements, or `nil` for any other type.
    public var arrayValue: [ConfigValue]? { if case .array(let a) = self { a } else { nil } }

    /// The TOML type name, for messages such as "expected a string, found an integer".
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}
