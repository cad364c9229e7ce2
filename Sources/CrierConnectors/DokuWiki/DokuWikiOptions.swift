import CrierCore
import Foundation

/// The keys of `[sources.x]` that a `type = "dokuwiki"` source takes.
struct DokuWikiOptions: Sendable {
    /// The wiki's base URL without a trailing slash (the XML-RPC endpoint is below it).
    var url: String
    var username: String?
    var password: String?
    /// Page-id prefixes to keep (`wiki` keeps `wiki` and `wiki:…`); empty keeps everything.
    var namespaces: [String]
    /// Where replies go; `{page}` is replaced by the id of the page the post came from.
    var discussionPage: String
    /// How far before the newest seen change the next poll starts.
    var overlap: Duration

    static let keys: Set<String> = ["url", "username", "password", "namespaces", "discussion_page", "overlap"]
    static let defaultDiscussionPage = "discussion:{page}"
    static let defaultOverlap = "1m"

    /// `<url>/lib/exe/xmlrpc.php`.
    var endpoint: String { url + "/lib/exe/xmlrpc.php" }

    static func problems(in options: [String: ConfigValue]) -> [OptionProblem] {
        var problems: [OptionProblem] = []
        for key in options.keys.sorted() where !keys.contains(key) {
            problems.append(OptionProblem(key: key, message: "unknown key '\(key)'"))
        }
        problems += OptionChecks.httpURL(options, key: "url")
        problems += OptionChecks.credentials(options, userKey: "username", secretKey: "password", what: "the login")
        problems += OptionChecks.stringArray(options, key: "namespaces") { namespace in
            let trimmed = namespace.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            if trimmed.isEmpty { return "empty namespace" }
            if trimmed.contains(where: { $0.isWhitespace }) { return "namespace '\(namespace)' contains whitespace" }
            return nil
        }
        if let value = options["discussion_page"] {
            switch value.stringValue {
            case nil: problems.append(OptionProblem(key: "discussion_page", message: "expected a string, found \(value.typeName)"))
            case let page? where page.trimmingCharacters(in: .whitespaces).isEmpty:
                problems.append(OptionProblem(key: "discussion_page", message: "must not be empty"))
            default: break
            }
        }
        problems += OptionChecks.duration(options, key: "overlap", maximum: .seconds(86_400))
        return problems
    }

    /// Reads already validated options.
    init(options: [String: ConfigValue]) {
        var url = options["url"]?.stringValue ?? ""
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        username = options["username"]?.stringValue
        password = options["password"]?.stringValue
        namespaces = (options["namespaces"]?.arrayValue ?? []).compactMap(\.stringValue)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":")).lowercased() }
        discussionPage = options["discussion_page"]?.stringValue ?? Self.defaultDiscussionPage
        overlap = DurationParser.parse(options["overlap"]?.stringValue ?? Self.defaultOverlap) ?? .seconds(60)
    }

    /// Whether `page` lies in one of the configured namespaces (always, when none are).
    func includes(page: String) -> Bool {
        guard !namespaces.isEmpty else { return true }
        let id = page.lowercased()
        return namespaces.contains { id == $0 || id.hasPrefix($0 + ":") }
    }

    /// The page a reply to an item from `page` is appended to.
    func discussionPage(for page: String) -> String {
        discussionPage.replacingOccurrences(of: "{page}", with: page)
    }
}
