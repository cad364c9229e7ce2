/// One problem in a configuration, located by file, line and key path.
///
/// `crier check` prints every problem of a file at once, one per line, in the form
/// `crier.toml:12: sources.news.interval: expected a duration such as "10m", found an integer`.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// The config file as the user named it (e.g. `/etc/crier/crier.toml`).
    public var file: String
    /// 1-based line, or `nil` when the problem is about something missing from the file.
    public var line: Int?
    /// Dotted key path, e.g. `sources.news.url`.
    public var keyPath: String
    /// What is wrong, e.g. `unknown key 'intreval'; did you mean 'interval'?`.
    public var message: String

    /// Creates a located problem.
    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// The `file:line: key.path: message` line that `crier check` prints.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// Thrown by `ConfigLoader` when a configuration has one or more problems; it carries all of them.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, sorted by line.
    public var problems: [ConfigProblem]
    /// Wraps the problems of one load.
    public init(problems: [ConfigProblem]) { self.problems = problems }
    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A problem a connector or sink factory found in its own keys; the loader adds file and line.
public struct OptionProblem: Sendable, Equatable {
    /// The key inside the source or sink table (e.g. `url`), or empty for the table itself.
    public var key: String
    /// What is wrong; `"unknown key"` exactly, for unknown keys, so the loader can add a suggestion.
    public var message: String
    /// Creates a problem about `key`.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}
