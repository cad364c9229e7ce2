/// Mastodon's Account entity (the fields clients rely on).
struct AccountEntity: Encodable, Sendable {
    var id: String
    var username: String
    /// The local handle; the same as `username` on this single-domain hub.
    var acct: String
    var displayName: String
    var locked: Bool
    var bot: Bool
    var discoverable: Bool
    /// True for group accounts: what Crier publishes into.
    var group: Bool
    var createdAt: String
    /// HTML.
    var note: String
    var url: String
    var uri: String
    var avatar: String
    var avatarStatic: String
    var header: String
    var headerStatic: String
    var followersCount: Int
    var followingCount: Int
    var statusesCount: Int
    /// A day (`2024-05-01`) or null.
    var lastStatusAt: Nullable<String>
    var emojis: [Nothing]
    var fields: [Nothing]
}

/// Mastodon's Status entity.
struct StatusEntity: Encodable, Sendable {
    var id: String
    var createdAt: String
    var inReplyToId: Nullable<String>
    var inReplyToAccountId: Nullable<String>
    var sensitive: Bool
    var spoilerText: String
    var visibility: String
    var language: Nullable<String>
    var uri: String
    var url: String
    var repliesCount: Int
    var reblogsCount: Int
    var favouritesCount: Int
    var editedAt: Nullable<String>
    /// HTML, derived from `text`.
    var content: String
    /// The plain text as posted (Mastodon returns it to the author; the hub always does).
    var text: String
    var reblog: Nullable<Nothing>
    var account: AccountEntity
    var mediaAttachments: [Nothing]
    var mentions: [Nothing]
    var tags: [Nothing]
    var emojis: [Nothing]
    var card: Nullable<Nothing>
    var poll: Nullable<Nothing>
}

/// Mastodon's Notification entity.
struct NotificationEntity: Encodable, Sendable {
    var id: String
    /// `mention` for a reply to a group's post.
    var type: String
    var createdAt: String
    /// Mastodon 4.3 groups notifications; a mention is never grouped.
    var groupKey: String
    /// Who caused it.
    var account: AccountEntity
    var status: Nullable<StatusEntity>
}

/// The body of `GET /api/v1/statuses/:id/context`.
struct ContextEntity: Encodable, Sendable {
    var ancestors: [StatusEntity]
    var descendants: [StatusEntity]
}

/// The body of every JSON error: `{"error": "…"}`.
struct ErrorEntity: Encodable, Sendable {
    var error: String
}
