/// A set of OAuth scopes such as `read write:statuses`, with Mastodon's rule that a top-level
/// scope (`read`) grants every sub-scope (`read:statuses`).
struct Scopes: Sendable, Equatable {
    /// The scopes, in the order given, without duplicates.
    var names: [String]

    /// Every scope a token minted by `crier hub token` (or any token of the `token` table) has.
    static let all = Scopes("read write follow push profile")

    /// Parses a space- (or `+`-) separated list; unknown names are kept, so ``isValid`` can report them.
    init(_ text: String) {
        var seen: [String] = []
        for name in text.split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "," }).map(String.init)
        where !seen.contains(name) {
            seen.append(name)
        }
        names = seen
    }

    /// The text form, space-separated.
    var text: String { names.joined(separator: " ") }

    /// Whether every name is a scope Mastodon defines (top-level, or `read:`/`write:`/`admin:` sub-scopes).
    var isValid: Bool {
        !names.isEmpty && names.allSatisfy { name in
            ["read", "write", "follow", "push", "profile"].contains(name)
                || ["read:", "write:", "admin:read", "admin:write"].contains { name.hasPrefix($0) }
        }
    }

    /// Whether these scopes grant `required` (for example `write:statuses`, granted by
    /// `write:statuses` or by `write`).
    func allows(_ required: String) -> Bool {
        if names.contains(required) { return true }
        guard let colon = required.firstIndex(of: ":") else { return false }
        return names.contains(String(required[..<colon]))
    }

    /// Whether every one of `other` is granted by these scopes.
    func covers(_ other: Scopes) -> Bool {
        other.names.allSatisfy(allows)
    }
}
