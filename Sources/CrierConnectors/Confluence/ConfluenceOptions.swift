import CrierCore
import Foundation

/// The keys of `[sources.x]` that a `type = "confluence"` source takes.
struct ConfluenceOptions: Sendable {
    /// The site's base URL without a trailing slash: `https://wiki.example.com` or
    /// `https://example.com/confluence` (Server/DC), `https://example.atlassian.net/wiki` (Cloud).
    var url: String
    /// Space keys to watch; empty watches every space the account can read.
    var spaces: [String]
    /// Content types to watch, from `page`, `blogpost` and `comment`.
    var types: [String]
    /// How the requests authenticate.
    var auth: Auth
    /// How far before the newest seen change the next query starts.
    var overlap: Duration

    /// Basic (user name and password, or e-mail and API token on Cloud), a bearer personal
    /// access token (Server/DC 7.9+), or none (anonymous access).
    enum Auth: Sendable, Equatable {
        case none
        case basic(username: String, password: String)
        case bearer(String)
    }

    static let keys: Set<String> = ["url", "spaces", "types", "username", "password", "token", "overlap"]
    static let allTypes = ["page", "blogpost", "comment"]
    static let defaultOverlap = "2m"

    static func problems(in options: [String: ConfigValue]) -> [OptionProblem] {
        var problems: [OptionProblem] = []
        for key in options.keys.sorted() where !keys.contains(key) {
            problems.append(OptionProblem(key: key, message: "unknown key '\(key)'"))
        }
        problems += OptionChecks.httpURL(options, key: "url")
        problems += OptionChecks.stringArray(options, key: "spaces") { key in
            if key.isEmpty { return "empty space key" }
            // Keys go into CQL inside quotes; nothing that could close them or look like a query.
            if key.contains(where: { $0 == "\"" || $0 == "\\" || $0 == "'" || $0.isWhitespace || $0.isNewline }) {
                return "'\(key)' is not a space key"
            }
            return nil
        }
        var seenTypes = Set<String>()
        problems += OptionChecks.stringArray(options, key: "types") { type in
            guard allTypes.contains(type) else { return "unknown content type '\(type)' (known: \(allTypes.joined(separator: ", ")))" }
            return seenTypes.insert(type).inserted ? nil : "'\(type)' is listed twice"
        }
        if let types = options["types"]?.arrayValue, types.isEmpty {
            problems.append(OptionProblem(key: "types", message: "must name at least one of \(allTypes.joined(separator: ", "))"))
        }
        problems += OptionChecks.credentials(options, userKey: "username", secretKey: "password", what: "basic authentication")
        problems += OptionChecks.string(options, key: "token")
        if options["token"] != nil && (options["username"] != nil || options["password"] != nil) {
            problems.append(OptionProblem(key: "token", message: "give either token_file/token_env or username and password, not both"))
        }
        problems += OptionChecks.duration(options, key: "overlap", maximum: .seconds(86_400))
        return problems
    }

    /// Reads already validated options.
    init(options: [String: ConfigValue]) {
        var url = options["url"]?.stringValue ?? ""
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        spaces = (options["spaces"]?.arrayValue ?? []).compactMap(\.stringValue)
        let types = (options["types"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.types = types.isEmpty ? Self.allTypes : Self.allTypes.filter(types.contains)
        if let token = options["token"]?.stringValue {
            auth = .bearer(token)
        } else if let username = options["username"]?.stringValue, let password = options["password"]?.stringValue {
            auth = .basic(username: username, password: password)
        } else {
            auth = .none
        }
        overlap = DurationParser.parse(options["overlap"]?.stringValue ?? Self.defaultOverlap) ?? .seconds(120)
    }
}
