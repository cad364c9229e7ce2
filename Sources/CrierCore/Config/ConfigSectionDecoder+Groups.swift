internal import Foundation

/// `[groups.x]` and the secrets they carry.
///
/// Tokens never appear in the config text: they come from a file (systemd credentials, a
/// secret mount) or an environment variable, and messages name the file or the variable,
/// never the value.
extension ConfigSectionDecoder {
    func decodeGroups(_ table: TableReader?, sinks: [String: SinkConfig]) -> [String: GroupConfig] {
        guard let table else { return [:] }
        var groups: [String: GroupConfig] = [:]
        for (name, group) in table.namedTables() {
            checkName(name, at: group.path)
            let sink = group.string("sink", required: true)
            var config = GroupConfig(
                id: name, sink: sink ?? "", account: group.string("account"), displayName: group.string("display_name"),
                description: group.string("description", allowEmpty: true) ?? "")
            group.reject("token", "secrets are not accepted in the config text; use token_file or token_env")
            if let closed = group.bool("closed") { config.closed = closed }
            if let members = group.stringArray("members") { config.members = members.map(\.value) }
            let tokenFile = group.string("token_file")
            let tokenEnv = group.string("token_env")
            switch (tokenFile, tokenEnv) {
            case (let file?, nil):
                config.token = readTokenFile(file, key: group.path("token_file"))
            case (nil, let variable?):
                config.token = readTokenEnvironment(variable, key: group.path("token_env"))
            case (.some, .some):
                group.report("token_env", "set either token_file or token_env, not both")
            case (nil, nil):
                // Reported only when both keys are absent, not when one is present but invalid.
                if let sink, let sinkType = sinks[sink]?.type, catalog.sinkTypes.contains(sinkType),
                   catalog.sinkNeedsGroupToken(type: sinkType), !group.contains("token_file"), !group.contains("token_env") {
                    group.reportTable("missing required key 'token_file' or 'token_env': groups of sink '\(sink)' (\(sinkType)) need a token")
                }
            }
            group.finish()
            groups[name] = config
        }
        return groups
    }

    /// Reads a token file. A relative path is looked up in `$CREDENTIALS_DIRECTORY` first (where
    /// systemd's `LoadCredential=` puts it), then against the config file's directory; a literal
    /// `$CREDENTIALS_DIRECTORY/` prefix is expanded, as users copy it from systemd's documentation.
    func readTokenFile(_ raw: String, key: ConfigKeyPath) -> Secret? {
        let credentials = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
        var path: String
        if let prefix = ["$CREDENTIALS_DIRECTORY/", "${CREDENTIALS_DIRECTORY}/"].first(where: raw.hasPrefix) {
            guard let credentials else {
                diagnostics.report(key, "CREDENTIALS_DIRECTORY is not set (is the service started with LoadCredential=?)")
                return nil
            }
            path = Self.resolve(String(raw.dropFirst(prefix.count)), against: credentials)
        } else {
            path = resolve(raw)
            if !raw.hasPrefix("/"), let credentials {
                let candidate = Self.resolve(raw, against: credentials)
                if FileManager.default.fileExists(atPath: candidate) { path = candidate }
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.report(key, "cannot read token file '\(path)'")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.report(key, "token file '\(path)' is not UTF-8 text")
            return nil
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            diagnostics.report(key, "token file '\(path)' is empty")
            return nil
        }
        return Secret(value: token, origin: "file:\(path)")
    }

    func readTokenEnvironment(_ name: String, key: ConfigKeyPath) -> Secret? {
        let token = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !token.isEmpty else {
            diagnostics.report(key, "environment variable '\(name)' is not set or empty")
            return nil
        }
        return Secret(value: token, origin: "env:\(name)")
    }
}
