import Foundation

/// The read-only web UI: the list of groups, a group's timeline, and a post with its replies.
/// Every string from the database goes through ``HTML`` interpolation, so it is escaped.
struct WebPages: Sendable {
    /// The instance title.
    var siteTitle: String

    /// `GET /`: every group with its description and post count.
    func index(groups: [AccountRecord]) -> HTML {
        let items = groups.map { group -> HTML in
            """
            <li><h2><a href="/@\(group.username)">\(group.displayName)</a></h2>\
            <div class="meta">@\(group.username) · \(Self.count(group.statusesCount, "post"))</div>\
            <div class="note">\(StatusText.html(group.note))</div></li>
            """
        }
        let list: HTML = groups.isEmpty ? "<p>No groups yet.</p>" : "<ul class=\"groups\">\(HTML(joining: items))</ul>"
        return page(siteTitle, body: "<h1>Groups</h1>\(list)")
    }

    /// `GET /@username`: the account's posts, newest first; `olderThan` is the `max_id` of the next
    /// page, if there is one.
    func timeline(account: AccountRecord, statuses: [StatusRecord], olderThan: Int64?) -> HTML {
        let posts = statuses.map { post($0, author: account, showAuthor: false) }
        var body: HTML = """
            <h1>\(account.displayName)</h1><div class="meta">@\(account.username) · \
            \(Self.count(account.statusesCount, "post"))</div><div class="note">\(StatusText.html(account.note))</div>
            """
        body += posts.isEmpty ? "<p>No posts yet.</p>" : HTML(joining: posts)
        if let olderThan {
            body += "<nav><a href=\"/@\(account.username)?max_id=\(olderThan)\">Older posts</a></nav>"
        }
        return page("\(account.displayName) (@\(account.username))", body: body)
    }

    /// `GET /@username/ID`: the post, a link to what it answers, and its replies depth-first.
    func thread(
        status: StatusRecord, author: AccountRecord, parent: (StatusRecord, AccountRecord)?,
        replies: [StatusRecord], authors: [Int64: AccountRecord]
    ) -> HTML {
        var body: HTML = ""
        if let (parentStatus, parentAuthor) = parent {
            body += """
                <nav>↑ In reply to <a href="/@\(parentAuthor.username)/\(parentStatus.rowID)">\
                \(parentAuthor.displayName)</a></nav>
                """
        }
        body += post(status, author: author, showAuthor: true)
        var depth: [Int64: Int] = [status.rowID: 0]
        for reply in replies {
            guard let replyAuthor = authors[reply.accountId] else { continue }
            let level = (reply.inReplyToId.flatMap { depth[$0] } ?? 0) + 1
            depth[reply.rowID] = level
            let indent = min(level, 6)
            body += """
                <div class="reply" style="margin-left:\(indent - 1)rem">\
                \(post(reply, author: replyAuthor, showAuthor: true))</div>
                """
        }
        let excerpt = String(status.text.prefix(60))
        return page("\(author.displayName): \(excerpt)", body: body)
    }

    /// A 404 page.
    func notFound() -> HTML {
        page("Not found", body: "<h1>Not found</h1><p><a href=\"/\">All groups</a></p>")
    }

    /// One post: text, author (optionally), time linking to its page, and reply count.
    private func post(_ status: StatusRecord, author: AccountRecord, showAuthor: Bool) -> HTML {
        let byline: HTML = showAuthor
            ? "<div class=\"meta\"><strong>\(author.displayName)</strong> @\(author.username)</div>" : ""
        let edited: HTML = status.editedAt == nil ? "" : " · edited"
        return """
            <article>\(byline)\(StatusText.html(status.text))<div class="meta">\
            <a href="/@\(author.username)/\(status.rowID)"><time datetime="\(status.createdAt.iso8601)">\
            \(HTMLPage.displayTime(status.createdAt))</time></a>\(edited) · \(Self.count(status.repliesCount, "reply"))\
            </div></article>
            """
    }

    private func page(_ title: String, body: HTML) -> HTML {
        HTMLPage(title: "\(title) – \(siteTitle)", siteTitle: siteTitle, body: body).render()
    }

    /// `1 post`, `2 posts`, `1 reply`, `3 replies`.
    private static func count(_ n: Int, _ noun: String) -> String {
        if n == 1 { return "1 \(noun)" }
        return noun.hasSuffix("y") ? "\(n) \(noun.dropLast())ies" : "\(n) \(noun)s"
    }
}
