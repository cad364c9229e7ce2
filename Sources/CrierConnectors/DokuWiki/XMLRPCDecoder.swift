import CrierFormats
import Foundation

/// What an XML-RPC server answered: a value, or a fault.
enum XMLRPCResponse: Sendable, Equatable {
    case value(XMLRPCValue)
    case fault(XMLRPCFault)
}

/// An XML-RPC `<fault>`: the server understood the call and refused it.
struct XMLRPCFault: Error, Sendable, Equatable {
    var code: Int
    var message: String
}

/// Why a body is not an XML-RPC answer (not XML, or XML of another shape).
struct XMLRPCFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Reads `methodResponse` documents. The XML goes through libxml2 (``XMLTree``) with the safe
/// options; this type only maps the element tree to ``XMLRPCValue``s.
enum XMLRPCDecoder {
    /// The value or fault a `methodResponse` body carries.
    static func response(_ body: [UInt8]) throws(XMLRPCFormatError) -> XMLRPCResponse {
        let root: XMLTree
        do {
            root = try XMLTree.parse(body)
        } catch {
            throw XMLRPCFormatError(message: "not XML (\(error.message))")
        }
        guard root.name == "methodResponse" else {
            throw XMLRPCFormatError(message: "expected <methodResponse>, found <\(root.name)>")
        }
        if let fault = root.child("fault") {
            guard let value = fault.child("value") else { throw XMLRPCFormatError(message: "<fault> without a value") }
            let decoded = try self.value(value)
            return .fault(XMLRPCFault(code: decoded["faultCode"]?.intValue ?? 0, message: decoded["faultString"]?.stringValue ?? "unknown fault"))
        }
        guard let value = root.child("params")?.child("param")?.child("value") else {
            throw XMLRPCFormatError(message: "<methodResponse> without params/param/value or fault")
        }
        return .value(try self.value(value))
    }

    /// Decodes a `<value>` element. Depth is bounded by ``XMLTree``'s own depth cap.
    static func value(_ element: XMLTree) throws(XMLRPCFormatError) -> XMLRPCValue {
        guard let typed = element.children.first else {
            // No type element: the spec says the text is a string.
            return .string(element.text)
        }
        let text = typed.text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch typed.name {
        case "string":
            return .string(text)
        case "int", "i4", "i8":
            guard let number = Int(trimmed) else { throw bad(typed.name, text) }
            return .int(number)
        case "boolean":
            switch trimmed {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw bad(typed.name, text)
            }
        case "double":
            guard let number = Double(trimmed) else { throw bad(typed.name, text) }
            return .double(number)
        case "dateTime.iso8601":
            guard let date = XMLRPCDate.parse(trimmed) else { throw bad(typed.name, text) }
            return .date(date)
        case "base64":
            guard let data = Data(base64Encoded: trimmed.filter { !$0.isWhitespace }) else { throw bad(typed.name, text) }
            return .base64([UInt8](data))
        case "nil":
            return .nil
        case "array":
            guard let data = typed.child("data") else { throw XMLRPCFormatError(message: "<array> without <data>") }
            var values: [XMLRPCValue] = []
            for child in data.children("value") { values.append(try value(child)) }
            return .array(values)
        case "struct":
            var members: [String: XMLRPCValue] = [:]
            for member in typed.children("member") {
                guard let name = member.child("name"), let memberValue = member.child("value") else {
                    throw XMLRPCFormatError(message: "<member> without <name> or <value>")
                }
                members[name.text] = try value(memberValue)
            }
            return .struct(members)
        default:
            throw XMLRPCFormatError(message: "unknown XML-RPC type <\(typed.name)>")
        }
    }

    private static func bad(_ type: String, _ text: String) -> XMLRPCFormatError {
        XMLRPCFormatError(message: "invalid <\(type)> value '\(text.prefix(40))'")
    }
}
