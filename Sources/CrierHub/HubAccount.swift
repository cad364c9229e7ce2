/// An account of the hub: a group that Crier publishes into, or a person who replies.
public struct HubAccount: Sendable, Equatable {
    /// The account id, a decimal integer rendered as a string (as in the Mastodon API).
    public var id: String
    /// The unique handle, without `@`.
    public var username: String
    /// The name shown to readers.
    public var displayName: String
    /// Whether the account is a group (`"group": true` on the Mastodon Account entity).
    public var isGroup: Bool

    /// Creates an account value.
    public init(id: String, username: String, displayName: String, isGroup: Bool) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.isGroup = isGroup
    }
}

/// Errors thrown by ``HubStore``'s public methods.
public enum HubStoreError: Error, Equatable, Sendable {
    /// A username must be 1–30 ASCII letters, digits or underscores.
    case invalidUsername(String)
    /// The username already belongs to an account of the other kind (group vs. person).
    case usernameTaken(String)
    /// No account has this id.
    case accountNotFound(String)
}
