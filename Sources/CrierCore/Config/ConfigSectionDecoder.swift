internal import Foundation

/// Everything the per-section decoders share during one load.
///
/// The sections live in extensions in their own files (`+Settings`, `+Components`, `+Groups`,
/// `+Routes`, `+References`) so that each stays small.
struct ConfigSectionDecoder {
    let diagnostics: ConfigDiagnostics
    /// Absolute directory of the config file; relative paths in the config resolve against it.
    let baseDirectory: String
    let environment: [String: String]
    let catalog: any ComponentCatalog

    /// `path` made absolute against `baseDirectory` and standardized (`.`/`..` removed).
    func resolve(_ path: String) -> String {
        Self.resolve(path, against: baseDirectory)
    }

    static func resolve(_ path: String, against base: String) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// Checks a `[sources.x]`, `[sinks.x]`, `[groups.x]` or `[routes.x]` name. The names are
    /// stable ids stored in the state database and in idempotency keys, so they are kept to a
    /// small alphabet that is safe in every sink and file name.
    func checkName(_ name: String, at path: ConfigKeyPath) {
        let bytes = Array(name.utf8)
        let isValid = bytes.first.map(Self.isNameStart) == true && bytes.dropFirst().allSatisfy(Self.isNameByte)
        if !isValid {
            diagnostics.report(path, "invalid name '\(name)': use lowercase letters, digits, '_' and '-', starting with a letter or digit")
        }
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Turns a connector's or sink's `OptionProblem`s into located problems inside `table`.
    func report(_ problems: [OptionProblem], in table: TableReader) {
        for problem in problems {
            // Connectors may name nested keys with dots (`headers.accept`).
            let keys = problem.key.isEmpty ? [] : problem.key.split(separator: ".").map(String.init)
            let path = ConfigKeyPath(table.path.components + keys.map(ConfigKeyPath.Component.key))
            var message = problem.message
            if keys.count == 1 && message == "unknown key" {
                message = TableReader.unknownKeyMessage(keys[0], known: table.knownKeys)
            } else if keys.count == 1 && message.hasPrefix("unknown key") {
                // The connector worded it itself; a misspelled common key still deserves the hint.
                message = Suggestion.append(to: message, for: keys[0], in: table.knownKeys)
            }
            diagnostics.report(path, message)
        }
    }
}
