import CrierCore
import Foundation

/// The keys of `[sinks.x]` for `type = "mastodon"` and `type = "hub"`.
enum MastodonSinkOptions {
    static func problems(type: String, options: [String: ConfigValue]) -> [OptionProblem] {
        let allowed: Set<String> = type == "hub" ? ["max_characters"] : ["url", "max_characters"]
        var problems: [OptionProblem] = []
        for key in options.keys.sorted() where !allowed.contains(key) {
            problems.append(OptionProblem(key: key, message: "unknown key '\(key)'"))
        }
        if type == "mastodon" {
            switch options["url"] {
            case nil: problems.append(OptionProblem(key: "url", message: "missing required key 'url'"))
            case .string(let url)?:
                if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URL(string: url)?.host == nil {
                    problems.append(OptionProblem(key: "url", message: "'\(url)' is not an http(s) URL"))
                }
            case let other?: problems.append(OptionProblem(key: "url", message: "expected a string, found \(other.typeName)"))
            }
        }
        if let value = options["max_characters"] {
            if let n = value.intValue {
                if n < 50 { problems.append(OptionProblem(key: "max_characters", message: "must be at least 50")) }
            } else {
                problems.append(OptionProblem(key: "max_characters", message: "expected an integer, found \(value.typeName)"))
            }
        }
        return problems
    }
}
