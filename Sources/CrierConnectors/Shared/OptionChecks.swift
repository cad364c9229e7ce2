import CrierCore
import Foundation

/// Checks shared by the option validators of the HTTP API connectors (Confluence, DokuWiki).
///
/// Each returns the problems of one key, worded like the loader's own messages, so that a
/// connector's `problems(in:)` reads as a list of its keys.
enum OptionChecks {
    /// A required `http`/`https` URL with a host.
    static func httpURL(_ options: [String: ConfigValue], key: String) -> [OptionProblem] {
        switch options[key] {
        case nil:
            return [OptionProblem(key: key, message: "missing required key '\(key)'")]
        case .string(let url)?:
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                return [OptionProblem(key: key, message: "only http and https URLs are supported")]
            }
            guard let parsed = URL(string: url), parsed.host?.isEmpty == false, parsed.query == nil, parsed.fragment == nil else {
                return [OptionProblem(key: key, message: "'\(url)' is not a valid base URL (no query or fragment)")]
            }
            return []
        case let other?:
            return [OptionProblem(key: key, message: "expected a string, found \(other.typeName)")]
        }
    }

    /// An optional string.
    static func string(_ options: [String: ConfigValue], key: String) -> [OptionProblem] {
        guard let value = options[key], value.stringValue == nil else { return [] }
        return [OptionProblem(key: key, message: "expected a string, found \(value.typeName)")]
    }

    /// A user name and its secret, which come together or not at all. The secret arrives resolved
    /// from `<secretKey>_file`/`<secretKey>_env`, so a problem about it names those keys.
    static func credentials(_ options: [String: ConfigValue], userKey: String, secretKey: String, what: String) -> [OptionProblem] {
        var problems = string(options, key: userKey) + string(options, key: secretKey)
        switch (options[userKey] != nil, options[secretKey] != nil) {
        case (true, false):
            problems.append(OptionProblem(key: userKey, message: "\(what) needs \(secretKey)_file or \(secretKey)_env too"))
        case (false, true):
            problems.append(OptionProblem(key: secretKey, message: "\(what) needs \(userKey) too"))
        default:
            break
        }
        return problems
    }

    /// An optional array of strings, each checked by `element` (which returns a message or `nil`).
    static func stringArray(_ options: [String: ConfigValue], key: String, element: (String) -> String?) -> [OptionProblem] {
        guard let value = options[key] else { return [] }
        guard let array = value.arrayValue else {
            return [OptionProblem(key: key, message: "expected an array of strings, found \(value.typeName)")]
        }
        var problems: [OptionProblem] = []
        for item in array {
            guard let text = item.stringValue else {
                problems.append(OptionProblem(key: key, message: "expected an array of strings, found \(item.typeName) in it"))
                continue
            }
            if let message = element(text) { problems.append(OptionProblem(key: key, message: message)) }
        }
        return problems
    }

    /// An optional duration string such as `"2m"`, at most `maximum`.
    static func duration(_ options: [String: ConfigValue], key: String, maximum: Duration) -> [OptionProblem] {
        guard let value = options[key] else { return [] }
        guard let text = value.stringValue else {
            return [OptionProblem(key: key, message: "expected a duration such as \"2m\", found \(value.typeName)")]
        }
        guard let duration = DurationParser.parse(text) else {
            return [OptionProblem(key: key, message: "'\(text)' is not a duration such as \"2m\"")]
        }
        if duration > maximum {
            return [OptionProblem(key: key, message: "must be at most \(DurationParser.format(maximum))")]
        }
        return []
    }
}
