import Foundation

/// Turns records into Mastodon entities. It knows the hub's public origin
/// (`http://HOST:PORT`), from which every URL is built.
struct EntityRenderer: Sendable {
    /// `http://HOST:PORT`, no trailing slash.
    var origin: String

    /// The web page of an account: `http://HOST:PORT/@username`.
    func accountURL(_ account: AccountRecord) -> String {
        "\(origin)/@\(account.username)"
    }

    /// The web page of a status: `http://HOST:PORT/@username/ID`.
    func statusURL(_ status: StatusRecord, author: AccountRecord) -> String {
        "\(accountURL(author))/\(status.rowID)"
    }

    /// The Account entity.
    func account(_ record: AccountRecord) -> AccountEntity {
        let url = accountURL(record)
        let avatar = "\(origin)\(WebRoutes.avatarPath)"
        return AccountEntity(
            id: String(record.rowID), username: record.username, acct: record.username,
            displayName: record.displayName, locked: false, bot: false, discoverable: true,
            group: record.isGroup, createdAt: record.createdAt.iso8601,
            note: StatusText.html(record.note).markup, url: url, uri: url,
            avatar: avatar, avatarStatic: avatar, header: avatar, headerStatic: avatar,
            followersCount: 0, followingCount: 0, statusesCount: record.statusesCount,
            lastStatusAt: Nullable(record.lastStatusAt.map(\.day)), emojis: [], fields: []
        )
    }

    /// The Status entity; `author` is the status' account.
    func status(_ record: StatusRecord, author: AccountRecord) -> StatusEntity {
        let url = statusURL(record, author: author)
        return StatusEntity(
            id: String(record.rowID), createdAt: record.createdAt.iso8601,
            inReplyToId: Nullable(record.inReplyToId.map(String.init)),
            inReplyToAccountId: Nullable(record.inReplyToAccountId.map(String.init)),
            sensitive: false, spoilerText: "", visibility: record.visibility, language: Nullable(nil),
            uri: url, url: url, repliesCount: record.repliesCount, reblogsCount: 0, favouritesCount: 0,
            editedAt: Nullable(record.editedAt.map(\.iso8601)),
            content: StatusText.html(record.text).markup, text: record.text,
            reblog: Nullable(nil), account: account(author),
            mediaAttachments: [], mentions: [], tags: [], emojis: [], card: Nullable(nil), poll: Nullable(nil)
        )
    }

    /// Status entities for a page, skipping any whose author is missing (cannot happen with the
    /// foreign keys, but a page should not fail for it).
    func statuses(_ page: StatusPage) -> [StatusEntity] {
        page.statuses.compactMap { status in
            page.accounts[status.accountId].map { self.status(status, author: $0) }
        }
    }

    /// Notification entities for a page.
    func notifications(_ page: NotificationPage) -> [NotificationEntity] {
        page.notifications.compactMap { notification in
            guard let from = page.accounts[notification.fromAccountId] else { return nil }
            let status = page.statuses[notification.statusId].flatMap { status in
                page.accounts[status.accountId].map { self.status(status, author: $0) }
            }
            return NotificationEntity(
                id: String(notification.rowID), type: notification.type,
                createdAt: notification.createdAt.iso8601,
                groupKey: "ungrouped-\(notification.rowID)", account: account(from), status: Nullable(status)
            )
        }
    }
}
