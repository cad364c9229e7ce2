import Foundation

/// One XML-RPC value, as the spec defines them plus the common `nil` extension.
///
/// The accessors are lenient where PHP servers are loose: ``intValue`` also reads a numeric
/// string, ``boolValue`` also an integer, because IXR encodes PHP values by their runtime type.
enum XMLRPCValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case date(Date)
    case base64([UInt8])
    case array([XMLRPCValue])
    case `struct`([String: XMLRPCValue])
    case `nil`

    /// The string (or the decimal text of an integer), else `nil`.
    var stringValue: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    /// The integer (or a string holding one), else `nil`.
    var intValue: Int? {
        switch self {
        case .int(let i): i
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// The boolean (or an integer: 0 is false), else `nil`.
    var boolValue: Bool? {
        switch self {
        case .bool(let b): b
        case .int(let i): i != 0
        default: nil
        }
    }

    /// The elements of an array, else `nil`.
    var arrayValue: [XMLRPCValue]? { if case .array(let a) = self { a } else { nil } }

    /// The members of a struct, else `nil`.
    var structValue: [String: XMLRPCValue]? { if case .struct(let s) = self { s } else { nil } }

    /// The member `name` of a struct; `nil` for a missing member or a value that is no struct.
    subscript(_ name: String) -> XMLRPCValue? { structValue?[name] }
}
