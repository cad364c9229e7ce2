/// Reads one TOML table against a schema, reporting every problem instead of stopping at the first.
///
/// Each accessor marks its key as known; `finish()` then reports every key of the table that no
/// accessor asked for as unknown, with a suggestion among the known ones. Accessors return `nil`
/// both when a key is absent and when it is invalid (the problem is already reported), so
/// decoders simply keep their defaults and go on.
final class TableReader {
    let path: ConfigKeyPath
    let values: [String: ConfigValue]
    let diagnostics: ConfigDiagnostics
    /// Keys the schema knows, in the order asked, for "did you mean" suggestions.
    private var known: [String] = []
    private var consumed: Set<String> = []

    init(path: ConfigKeyPath, values: [String: ConfigValue], diagnostics: ConfigDiagnostics) {
        self.path = path
        self.values = values
        self.diagnostics = diagnostics
    }

    /// The path of `key` in this table.
    func path(_ key: String) -> ConfigKeyPath { path.appending(key) }

    /// Reports a problem about `key` (at its line).
    func report(_ key: String, _ message: String) {
        diagnostics.report(path(key), message)
    }

    /// Reports a problem about the table itself (at its header).
    func reportTable(_ message: String) {
        diagnostics.report(path, message)
    }

    /// Whether the table has `key` (any type); does not mark it known.
    func contains(_ key: String) -> Bool { values[key] != nil }

    // MARK: Typed accessors

    /// The raw value of `key`, marking it known and consumed.
    func value(_ key: String, required: Bool = false) -> ConfigValue? {
        if !known.contains(key) { known.append(key) }
        guard let value = values[key] else {
            if required { reportTable("missing required key '\(key)'") }
            return nil
        }
        consumed.insert(key)
        return value
    }

    /// A string; empty strings are rejected unless `allowEmpty`, because an empty path, name or
    /// type is always a mistake.
    func string(_ key: String, required: Bool = false, allowEmpty: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let text) = value else { return mismatch(key, expected: "a string", found: value) }
        if text.isEmpty && !allowEmpty {
            report(key, "must not be empty")
            return nil
        }
        return text
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { return mismatch(key, expected: "a boolean", found: value) }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .integer(let number) = value else { return mismatch(key, expected: "an integer", found: value) }
        guard range.contains(number) else {
            report(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    /// A duration string such as `"10m"`, at least `minimum`.
    func duration(_ key: String, atLeast minimum: Duration = .milliseconds(1)) -> Duration? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            return mismatch(key, expected: "a duration such as \"10m\"", found: value)
        }
        guard let duration = DurationParser.parse(text) else {
            report(key, "invalid duration '\(text)': use whole numbers with units ms, s, m, h, d, such as \"90s\" or \"1h30m\"")
            return nil
        }
        guard duration >= minimum else {
            report(key, "must be at least \(DurationParser.format(minimum)), found '\(text)'")
            return nil
        }
        return duration
    }

    /// A byte size: an integer, or a string such as `"15MiB"`.
    func byteSize(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        let bytes: Int
        switch value {
        case .integer(let number):
            bytes = number
        case .string(let text):
            guard let parsed = ByteSizeParser.parse(text) else {
                report(key, "invalid size '\(text)': use a number of bytes or a unit B, KiB, MiB, GiB, KB, MB, GB, such as \"15MiB\"")
                return nil
            }
            bytes = parsed
        default:
            return mismatch(key, expected: "a size such as \"15MiB\"", found: value)
        }
        guard range.contains(bytes) else {
            report(key, "must be between \(range.lowerBound) and \(range.upperBound) bytes, found \(bytes)")
            return nil
        }
        return bytes
    }

    /// One of the raw values of `T`, e.g. an `UpdatePolicy`.
    func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type = T.self) -> T? where T.RawValue == String {
        guard let text = string(key) else { return nil }
        if let match = T(rawValue: text) { return match }
        let choices = T.allCases.map(\.rawValue)
        report(key, Suggestion.append(
            to: "expected one of \(choices.joined(separator: ", ")), found '\(text)'", for: text, in: choices))
        return nil
    }

    /// An array of strings, each with its own path (for per-element messages and lines).
    func stringArray(_ key: String, required: Bool = false) -> [(value: String, path: ConfigKeyPath)]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let elements) = value else { return mismatch(key, expected: "an array of strings", found: value) }
        var result: [(value: String, path: ConfigKeyPath)] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            let elementPath = path(key).appending(index: index)
            guard case .string(let text) = element else {
                diagnostics.report(elementPath, "expected a string, found \(element.typeName)")
                valid = false
                continue
            }
            result.append((text, elementPath))
        }
        return valid ? result : nil
    }

    /// A sub-table, read by its own reader.
    func table(_ key: String, required: Bool = false) -> TableReader? {
        guard let value = value(key, required: required) else { return nil }
        guard case .table(let table) = value else { return mismatch(key, expected: "a table", found: value) }
        return TableReader(path: path(key), values: table, diagnostics: diagnostics)
    }

    /// An array of tables (`[[x.key]]`), one reader per element.
    func arrayOfTables(_ key: String) -> [TableReader]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            return mismatch(key, expected: "an array of tables ([[\(path(key))]])", found: value)
        }
        var readers: [TableReader] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path(key).appending(index: index)
            guard case .table(let table) = element else {
                diagnostics.report(elementPath, "expected a table, found \(element.typeName)")
                continue
            }
            readers.append(TableReader(path: elementPath, values: table, diagnostics: diagnostics))
        }
        return readers
    }

    /// The entries of a table of named tables (`[sources.x]`, `[sinks.x]`, …), sorted by name,
    /// each as a reader; entries that are not tables are reported.
    func namedTables() -> [(name: String, reader: TableReader)] {
        values.sorted { $0.key < $1.key }.compactMap { name, value in
            consumed.insert(name)
            guard case .table(let table) = value else {
                diagnostics.report(path(name), "expected a table ([\(path(name))]), found \(value.typeName)")
                return nil
            }
            return (name, TableReader(path: path(name), values: table, diagnostics: diagnostics))
        }
    }

    /// Reports `key` with `message` when present, without making it a known key: a rejected key
    /// (such as a literal `token`) must not be offered as a "did you mean" suggestion.
    func reject(_ key: String, _ message: String) {
        guard values[key] != nil else { return }
        consumed.insert(key)
        report(key, message)
    }

    /// Every key not read so far, handed over as plain values (connector-specific options) and
    /// marked consumed so that `finish()` does not call them unknown.
    func takeRemaining() -> [String: ConfigValue] {
        let remaining = values.filter { !consumed.contains($0.key) }
        consumed.formUnion(remaining.keys)
        return remaining
    }

    /// The keys the schema asked for so far, for suggestions made outside the reader.
    var knownKeys: [String] { known }

    /// Reports every key nobody asked for as unknown (Telegraf's rule: a typo must not be ignored).
    func finish() {
        for key in values.keys.sorted() where !consumed.contains(key) {
            report(key, TableReader.unknownKeyMessage(key, known: known))
        }
    }

    /// "unknown key 'x'", with a suggestion; a literal secret gets a message of its own.
    static func unknownKeyMessage(_ key: String, known: [String]) -> String {
        if key == "token" || key == "password" || key == "secret" {
            return "secrets are not accepted in the config text; use token_file or token_env"
        }
        return Suggestion.append(to: "unknown key '\(key)'", for: key, in: known)
    }

    private func mismatch<T>(_ key: String, expected: String, found: ConfigValue) -> T? {
        report(key, "expected \(expected), found \(found.typeName)")
        return nil
    }
}
