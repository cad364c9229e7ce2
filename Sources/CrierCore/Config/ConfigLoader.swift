public import Foundation

/// Reads and validates `crier.toml`, reporting every problem at once (invariant 7).
///
/// Startup, `crier check` and reload (SIGHUP) all go through here, so a config that passes
/// `check` is exactly one that `run` accepts, and a reload with a bad file keeps the old config.
///
/// ```swift
/// do {
///     let config = try ConfigLoader.load(path: "/etc/crier/crier.toml", catalog: catalog)
/// } catch {
///     print(error)  // crier.toml:12: sources.news.interval: expected a duration such as "10m", found an integer
/// }
/// ```
public enum ConfigLoader {
    /// Reads the file at `path` and validates it; relative paths inside resolve against its directory.
    ///
    /// - Parameter environment: where `token_env` variables and `CREDENTIALS_DIRECTORY` are looked up;
    ///   tests pass their own.
    /// - Throws: `ConfigError` with every problem, each naming `path` as given.
    public static func load(
        path: String, catalog: any ComponentCatalog,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> CrierConfig {
        let absolute = ConfigSectionDecoder.resolve(path, against: FileManager.default.currentDirectoryPath)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            let reason = FileManager.default.fileExists(atPath: absolute) ? "cannot read the file" : "no such file"
            throw ConfigError(problems: [ConfigProblem(file: path, line: nil, keyPath: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(problems: [ConfigProblem(file: path, line: nil, keyPath: "", message: "the file is not UTF-8 text")])
        }
        let directory = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        return try parse(text: text, file: path, baseDirectory: directory, catalog: catalog, environment: environment)
    }

    /// Validates configuration text that was read elsewhere (tests, stdin).
    ///
    /// - Parameters:
    ///   - file: the name used in problems, e.g. `crier.toml`.
    ///   - baseDirectory: what relative paths (`state_dir`, `token_file`, `template_file`, …)
    ///     resolve against; itself resolved against the working directory when relative.
    /// - Throws: `ConfigError` with every problem, sorted by line.
    public static func parse(
        text: String, file: String, baseDirectory: String, catalog: any ComponentCatalog,
        environment: [String: String]
    ) throws(ConfigError) -> CrierConfig {
        let base = ConfigSectionDecoder.resolve(baseDirectory, against: FileManager.default.currentDirectoryPath)
        let diagnostics = ConfigDiagnostics(file: file, lineIndex: TOMLLineIndex(text: text))
        let document: [String: ConfigValue]
        switch TOMLConversion.parse(text) {
        case .success(let values):
            document = values
        case .failure(let error):
            // Nothing can be checked past a syntax error: the document does not exist.
            diagnostics.report(line: error.line, syntaxMessage(error))
            throw ConfigError(problems: diagnostics.sortedProblems)
        }

        let decoder = ConfigSectionDecoder(diagnostics: diagnostics, baseDirectory: base, environment: environment, catalog: catalog)
        let root = TableReader(path: .root, values: document, diagnostics: diagnostics)
        var config = CrierConfig(file: file, baseDirectory: base)
        config.daemon = decoder.decodeDaemon(root.table("crier"))
        config.http = decoder.decodeHTTP(root.table("http"))
        config.hub = decoder.decodeHub(root.table("hub"))
        config.sources = decoder.decodeSources(root.table("sources"))
        config.sinks = decoder.decodeSinks(root.table("sinks"))
        config.groups = decoder.decodeGroups(root.table("groups"), sinks: config.sinks)
        config.routes = decoder.decodeRoutes(root.table("routes"))
        root.finish()
        decoder.checkReferences(config)

        guard diagnostics.problems.isEmpty else { throw ConfigError(problems: diagnostics.sortedProblems) }
        return config
    }

    /// toml++ says "Error while parsing key-value pair: expected value, saw '\n'"; this becomes
    /// "TOML syntax error at column 13 (key-value pair): expected value, saw '\n'".
    private static func syntaxMessage(_ error: TOMLConversion.SyntaxError) -> String {
        var message = error.message
        var context = ""
        let prefix = "Error while parsing "
        if message.hasPrefix(prefix), let colon = message.range(of: ": ") {
            context = " (" + message[message.index(message.startIndex, offsetBy: prefix.count)..<colon.lowerBound] + ")"
            message = String(message[colon.upperBound...])
        }
        let column = error.column.map { " at column \($0)" } ?? ""
        return "TOML syntax error\(column)\(context): \(message)"
    }
}
