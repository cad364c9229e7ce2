internal import TOMLKit

/// The parsed TOML document, turned into plain `ConfigValue`s right away.
///
/// Converting up front keeps TOMLKit (whose tables are non-`Sendable` classes over C++ nodes)
/// out of every other file, and gives the decoders a value type they can walk freely.
enum TOMLConversion {
    /// A syntax error as TOMLKit reports it.
    struct SyntaxError: Error {
        var line: Int?
        var column: Int?
        var message: String
    }

    static func parse(_ text: String) -> Result<[String: ConfigValue], SyntaxError> {
        do {
            let table = try TOMLTable(string: text)
            return .success(convert(table))
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            return .failure(SyntaxError(
                line: begin.line > 0 ? begin.line : nil, column: begin.column > 0 ? begin.column : nil,
                message: error.description))
        } catch {
            return .failure(SyntaxError(line: nil, column: nil, message: "\(error)"))
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for (key, value) in table {
            result[key] = convert(value)
        }
        return result
    }

    private static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { $0.map(convert) } ?? [])
        // `ConfigValue` has no date case; a connector that takes a date parses the RFC 3339 text,
        // exactly what a quoted date would give it.
        case .date: return .string(value.date?.debugDescription ?? "")
        case .time: return .string(value.time?.debugDescription ?? "")
        case .dateTime: return .string(value.dateTime?.debugDescription ?? "")
        }
    }
}
