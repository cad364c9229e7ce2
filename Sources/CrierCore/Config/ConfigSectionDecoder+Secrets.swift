/// Secrets in source and sink tables: `password_file`/`password_env` (and the same for `token`,
/// `api_token`, `api_key` and `secret`) are read here and handed to the connector as the plain key
/// (`password`), so no connector reads files or the environment itself, and none accepts a secret
/// written into the config text.
extension ConfigSectionDecoder {
    static let secretNames = ["password", "token", "api_token", "api_key", "secret"]

    /// Replaces `NAME_file`/`NAME_env` by `NAME`; reports a literal `NAME` and unreadable secrets.
    func resolveSecrets(in options: inout [String: ConfigValue], table: TableReader) {
        for name in Self.secretNames {
            if options[name] != nil {
                table.report(name, "secrets are not accepted in the config text; use \(name)_file or \(name)_env")
                options[name] = nil
            }
            let file = options.removeValue(forKey: name + "_file")
            let env = options.removeValue(forKey: name + "_env")
            if file != nil && env != nil {
                table.report(name + "_env", "give either \(name)_file or \(name)_env, not both")
                continue
            }
            if let file {
                guard let path = file.stringValue else {
                    table.report(name + "_file", "expected a string, found \(file.typeName)")
                    continue
                }
                if let secret = readTokenFile(path, key: table.path(name + "_file")) { options[name] = .string(secret.value) }
            } else if let env {
                guard let variable = env.stringValue else {
                    table.report(name + "_env", "expected a string, found \(env.typeName)")
                    continue
                }
                if let secret = readTokenEnvironment(variable, key: table.path(name + "_env")) { options[name] = .string(secret.value) }
            }
        }
    }
}
