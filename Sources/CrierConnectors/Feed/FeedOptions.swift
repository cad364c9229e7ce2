import CrierCore
import Foundation

/// The keys of `[sources.x]` that a `type = "feed"` source takes.
struct FeedOptions: Sendable {
    /// The feed's URL; `file:` URLs and bare paths (relative to the config file) need `allow_file`.
    var url: String
    var allowFile: Bool

    static let keys: Set<String> = ["url", "allow_file"]

    static func problems(in options: [String: ConfigValue]) -> [OptionProblem] {
        var problems: [OptionProblem] = []
        for key in options.keys.sorted() where !keys.contains(key) {
            problems.append(OptionProblem(key: key, message: "unknown key '\(key)'"))
        }
        switch options["url"] {
        case nil:
            problems.append(OptionProblem(key: "url", message: "missing required key 'url'"))
        case .string(let url)?:
            let allowFile = options["allow_file"]?.boolValue ?? false
            let lower = url.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                if URL(string: url)?.host == nil { problems.append(OptionProblem(key: "url", message: "'\(url)' is not a valid URL")) }
            } else if lower.hasPrefix("file:") || !lower.contains("://") {
                if !allowFile { problems.append(OptionProblem(key: "url", message: "local files need allow_file = true")) }
            } else {
                problems.append(OptionProblem(key: "url", message: "only http, https (and file with allow_file) URLs are supported"))
            }
        case let other?:
            problems.append(OptionProblem(key: "url", message: "expected a string, found \(other.typeName)"))
        }
        if let value = options["allow_file"], value.boolValue == nil {
            problems.append(OptionProblem(key: "allow_file", message: "expected a boolean, found \(value.typeName)"))
        }
        return problems
    }

    /// Reads already validated options; relative paths become `file://` URLs under `baseDirectory`.
    init(options: [String: ConfigValue], baseDirectory: String) {
        allowFile = options["allow_file"]?.boolValue ?? false
        let raw = options["url"]?.stringValue ?? ""
        if raw.lowercased().hasPrefix("http://") || raw.lowercased().hasPrefix("https://") || raw.lowercased().hasPrefix("file://") {
            url = raw
        } else {
            let path = raw.hasPrefix("file:") ? String(raw.dropFirst(5)) : raw
            let absolute = path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
            url = URL(fileURLWithPath: absolute).absoluteString
        }
    }
}
