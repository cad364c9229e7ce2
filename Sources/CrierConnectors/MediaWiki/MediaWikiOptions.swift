import CrierCore
import Foundation

/// The keys of `[sources.x]` that a `type = "mediawiki"` source takes (see `README.md` here).
///
/// `password` never appears in the config text: the loader reads `password_file` or
/// `password_env` and hands the connector the plain key.
struct MediaWikiOptions: Sendable {
    /// The kinds of recent change a source can ask for (`rctype`).
    static let changeTypes: Set<String> = ["edit", "new", "log"]
    static let keys: Set<String> = [
        "url", "username", "password", "namespaces", "types", "hide_bots", "hide_minor", "overlap", "talk_page_prefix",
    ]

    /// The wiki's `api.php`, e.g. `https://wiki.example.com/w/api.php`.
    var apiURL: String
    /// The bot-password user name (`BridgeBot@bridge`) and its password; `nil` polls anonymously
    /// and takes no replies.
    var credentials: MediaWikiCredentials?
    /// `rcnamespace`; `nil` means every namespace.
    var namespaces: [Int]?
    /// `rctype`, in a fixed order.
    var types: [String]
    var hideBots: Bool
    var hideMinor: Bool
    /// How far before the newest change seen each poll starts reading again, to catch changes that
    /// were committed late with an earlier timestamp.
    var overlap: Duration
    /// When set, replies go to `<prefix><page title>` instead of the page's talk page.
    var talkPagePrefix: String?

    /// Every problem with the options at once; the loader adds file and line.
    static func problems(in options: [String: ConfigValue]) -> [OptionProblem] {
        var problems: [OptionProblem] = []
        func report(_ key: String, _ message: String) { problems.append(OptionProblem(key: key, message: message)) }
        for key in options.keys.sorted() where !keys.contains(key) {
            report(key, "unknown key '\(key)'")
        }
        switch options["url"] {
        case nil: report("url", "missing required key 'url'")
        case .string(let url)?: if let message = urlProblem(url) { report("url", message) }
        case let other?: report("url", "expected a string, found \(other.typeName)")
        }
        checkCredentials(options, report: report)
        if let value = options["namespaces"] {
            if let list = value.arrayValue, list.allSatisfy({ $0.intValue != nil }) {
                if list.isEmpty { report("namespaces", "must list at least one namespace (leave it out for all)") }
                if list.contains(where: { $0.intValue! < 0 }) { report("namespaces", "namespace numbers are 0 or more") }
            } else {
                report("namespaces", "expected an array of integers, found \(describe(value) { $0.intValue != nil })")
            }
        }
        if let value = options["types"] {
            if let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) {
                if list.isEmpty { report("types", "must list at least one of \"edit\", \"new\", \"log\"") }
                for name in list.compactMap(\.stringValue) where !changeTypes.contains(name) {
                    report("types", "unknown change type '\(name)'; expected \"edit\", \"new\" or \"log\"")
                }
            } else {
                report("types", "expected an array of strings, found \(describe(value) { $0.stringValue != nil })")
            }
        }
        for key in ["hide_bots", "hide_minor"] {
            if let value = options[key], value.boolValue == nil { report(key, "expected a boolean, found \(value.typeName)") }
        }
        if let value = options["overlap"] {
            if let text = value.stringValue {
                if let duration = DurationParser.parse(text) {
                    if duration > .seconds(86_400) { report("overlap", "must be at most 1d") }
                } else {
                    report("overlap", "expected a duration such as \"2m\", found \"\(text)\"")
                }
            } else {
                report("overlap", "expected a duration such as \"2m\", found \(value.typeName)")
            }
        }
        if let value = options["talk_page_prefix"] {
            if let text = value.stringValue {
                if text.trimmingCharacters(in: .whitespaces).isEmpty { report("talk_page_prefix", "must not be empty") }
            } else {
                report("talk_page_prefix", "expected a string, found \(value.typeName)")
            }
        }
        return problems
    }

    /// Reads options that passed `problems(in:)`.
    init(options: [String: ConfigValue]) {
        apiURL = options["url"]?.stringValue ?? ""
        if let username = options["username"]?.stringValue, let password = options["password"]?.stringValue {
            credentials = MediaWikiCredentials(username: username, password: password)
        }
        namespaces = options["namespaces"]?.arrayValue?.compactMap(\.intValue)
        let types = Set(options["types"]?.arrayValue?.compactMap(\.stringValue) ?? ["edit", "new"])
        self.types = ["edit", "new", "log"].filter(types.contains)
        hideBots = options["hide_bots"]?.boolValue ?? true
        hideMinor = options["hide_minor"]?.boolValue ?? false
        overlap = options["overlap"]?.stringValue.flatMap(DurationParser.parse) ?? .seconds(120)
        talkPagePrefix = options["talk_page_prefix"]?.stringValue
    }

    /// `index.php` next to `api.php`, for diff and log links.
    var indexURL: String {
        guard let slash = apiURL.lastIndex(of: "/") else { return apiURL }
        return String(apiURL[...slash]) + "index.php"
    }

    /// The host, for the engine's per-host concurrency cap.
    var host: String { URL(string: apiURL)?.host ?? "local" }

    private static func urlProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return "only http and https URLs are supported" }
        guard let parsed = URL(string: url), parsed.host != nil else { return "'\(url)' is not a valid URL" }
        guard parsed.query == nil, parsed.fragment == nil else { return "give the api.php URL without a query or fragment" }
        guard parsed.path.hasSuffix("/api.php") else {
            return "expected the URL of the wiki's api.php, e.g. https://wiki.example.com/w/api.php"
        }
        return nil
    }

    private static func checkCredentials(_ options: [String: ConfigValue], report: (String, String) -> Void) {
        let username = options["username"]
        if let username {
            if let name = username.stringValue {
                let parts = name.split(separator: "@", omittingEmptySubsequences: false)
                if parts.count != 2 || parts.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    report("username", "expected a bot password user name such as 'BridgeBot@bridge' (see Special:BotPasswords)")
                }
            } else {
                report("username", "expected a string, found \(username.typeName)")
            }
        }
        switch (username, options["password"]) {
        case (_?, nil): report("username", "a username needs its bot password: set password_file or password_env")
        case (nil, _?): report("password", "a password needs a username")
        case (_, let password?) where password.stringValue == nil: report("password", "expected a string, found \(password.typeName)")
        default: break
        }
    }

    /// "a string", or for an array the type of its first element that `fits` rejects.
    private static func describe(_ value: ConfigValue, fits: (ConfigValue) -> Bool) -> String {
        guard let list = value.arrayValue else { return value.typeName }
        return list.first { !fits($0) }.map { "an array holding \($0.typeName)" } ?? value.typeName
    }
}

/// A bot password login: `username` is `User@appid`, as Special:BotPasswords shows it.
struct MediaWikiCredentials: Sendable {
    var username: String
    var password: String

    /// The account name the wiki records edits under: the part before the `@`.
    var accountName: String {
        String(username.split(separator: "@", maxSplits: 1).first ?? Substring(username))
    }
}
