import Foundation

/// The web UI's pages: the list of groups, a timeline, a post with its replies, search and log-in
/// (in `WebPages+Forms.swift`). Every string from the database or the request goes through
/// ``HTML`` interpolation, so it is escaped.
struct WebPages: Sendable {
    /// The instance title.
    var siteTitle: String
    /// The header's navigation (search, who is logged in, log-out form).
    var nav: HTML = ""
    /// When the page is rendered, for relative times.
    var now: Timestamp = .now()

    /// `GET /`: every group the viewer may see, with its description and post count.
    func index(groups: [AccountRecord]) -> HTML {
        let items = groups.map { group -> HTML in
            """
            <li><h2><a href="/@\(group.username)">\(group.displayName)</a></h2>\
            <div class="meta">\(Self.closedBadge(group))@\(group.username) · \(PostView.count(group.statusesCount, "post"))</div>\
            <div class="note">\(StatusText.html(group.note))</div></li>
            """
        }
        let list: HTML = groups.isEmpty ? "<p>No groups yet.</p>" : "<ul class=\"groups\">\(HTML(joining: items))</ul>"
        return page(siteTitle, body: "<h1>Groups</h1>\(list)")
    }

    /// `GET /@username`: top-level posts, newest first, with a compose form when one is given and
    /// live updates from `liveSource`; `olderThan` is the `max_id` of the next page, if any.
    func timeline(
        account: AccountRecord, statuses: [StatusRecord], authors: [Int64: AccountRecord], olderThan: Int64?,
        compose: HTML, liveSource: String?
    ) -> HTML {
        let view = PostView(now: now)
        let posts = statuses.compactMap { status in
            authors[status.accountId].map { view.render(status, author: $0, showAuthor: $0.rowID != account.rowID) }
        }
        var body: HTML = """
            <h1>\(account.displayName)</h1><div class="meta">\(Self.closedBadge(account))@\(account.username) · \
            \(PostView.count(account.statusesCount, "post"))\(feedLink(account))</div>\
            <div class="note">\(StatusText.html(account.note))</div>\(compose)
            """
        let empty: HTML = posts.isEmpty ? "<p id=\"empty\">No posts yet.</p>" : ""
        body += "\(empty)\(liveList(liveSource, order: "newest", HTML(joining: posts)))"
        if let olderThan {
            body += "<nav><a href=\"/@\(account.username)?max_id=\(olderThan)\">Older posts</a></nav>"
        }
        return page("\(account.displayName) (@\(account.username))", body: body)
    }

    /// `GET /@username/ID`: the post, a link to what it answers, its replies depth-first (new ones
    /// arrive live), and a reply form when one is given.
    func thread(
        status: StatusRecord, author: AccountRecord, parent: (StatusRecord, AccountRecord)?,
        replies: [StatusRecord], authors: [Int64: AccountRecord], replyForm: HTML
    ) -> HTML {
        var body: HTML = ""
        if let (parentStatus, parentAuthor) = parent {
            body += """
                <nav>↑ In reply to <a href="/@\(parentAuthor.username)/\(parentStatus.rowID)">\
                \(parentAuthor.displayName)</a></nav>
                """
        }
        body += PostView(now: now).render(status, author: author, showAuthor: true)
        var depth: [Int64: Int] = [status.rowID: 0]
        var items: [HTML] = []
        for reply in replies {
            guard let replyAuthor = authors[reply.accountId] else { continue }
            let level = (reply.inReplyToId.flatMap { depth[$0] } ?? 0) + 1
            depth[reply.rowID] = level
            items.append(self.reply(reply, author: replyAuthor, depth: level))
        }
        body += liveList("/events?thread=\(status.rowID)", order: "oldest", HTML(joining: items))
        body += replyForm
        let excerpt = String(status.text.prefix(60))
        return page("\(author.displayName): \(excerpt)", body: body)
    }

    /// One reply in a thread, indented by its depth (capped), as pages and live updates show it.
    func reply(_ status: StatusRecord, author: AccountRecord, depth: Int) -> HTML {
        """
        <div class="reply" style="margin-left:\(min(max(depth, 1), 6) - 1)rem">\
        \(PostView(now: now).render(status, author: author, showAuthor: true))</div>
        """
    }

    /// A 404 page.
    func notFound() -> HTML {
        message("Not found", "Nothing here. <a href=\"/\">All groups</a>")
    }

    /// A page with a heading and a short message (markup).
    func message(_ title: String, _ text: HTML) -> HTML {
        page(title, body: "<h1>\(title)</h1><p>\(text)</p>")
    }

    /// The container that live updates insert into; `order` is `newest` (prepend) or `oldest`.
    private func liveList(_ source: String?, order: String, _ content: HTML) -> HTML {
        guard let source else { return "<div>\(content)</div>" }
        return "<div id=\"live\" data-src=\"\(source)\" data-order=\"\(order)\">\(content)</div>"
    }

    private func feedLink(_ account: AccountRecord) -> HTML {
        account.isGroup ? " · <a href=\"/@\(account.username).atom\">Atom feed</a>" : ""
    }

    /// A "closed" badge for a members-only group.
    static func closedBadge(_ account: AccountRecord) -> HTML {
        account.isClosed ? "<span class=\"badge closed\">closed</span>" : ""
    }

    /// The full document with this title and body.
    func page(_ title: String, body: HTML) -> HTML {
        HTMLPage(title: "\(title) – \(siteTitle)", siteTitle: siteTitle, body: body, nav: nav).render()
    }
}
