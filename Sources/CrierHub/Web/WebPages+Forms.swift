/// The pages and fragments with forms: log-in, search, compose, reply, and the header's state.
extension WebPages {
    /// The header navigation: search, and either the user with a log-out button or a log-in link.
    static func nav(user: AccountRecord?, csrf: HTML, returnTo: String) -> HTML {
        let search: HTML = "<a href=\"/search\">Search</a>"
        guard let user else {
            return "\(search) <a href=\"/login?return_to=\(Self.queryEscape(returnTo))\">Log in</a>"
        }
        return """
            \(search) <a href="/@\(user.username)">@\(user.username)</a> \
            <form method="post" action="/logout">\(csrf)<button type="submit">Log out</button></form>
            """
    }

    /// `GET /login`: user name and password, with an error message after a failed attempt.
    func login(error: String?, returnTo: String, csrf: HTML, username: String = "") -> HTML {
        let message: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        return page("Log in", body: """
            <h1>Log in</h1>\(message)<form class="stack" method="post" action="/login">\(csrf)\
            <input type="hidden" name="return_to" value="\(returnTo)">\
            <label>User name<input type="text" name="username" value="\(username)" autocomplete="username" \
            autocapitalize="none" required></label>\
            <label>Password<input type="password" name="password" autocomplete="current-password" required></label>\
            <button type="submit">Log in</button></form>
            """)
    }

    /// The compose form of a group's page.
    static func composeForm(group: AccountRecord, csrf: HTML, maxCharacters: Int) -> HTML {
        """
        <form class="post" method="post" action="/@\(group.username)">\(csrf)\
        <label for="compose">New post in \(group.displayName)</label>\
        <textarea id="compose" name="status" maxlength="\(maxCharacters * 4)" required></textarea>\
        <button type="submit">Post</button></form>
        """
    }

    /// The reply form of a thread.
    static func replyForm(status: StatusRecord, author: AccountRecord, csrf: HTML, maxCharacters: Int) -> HTML {
        """
        <form class="post" method="post" action="/@\(author.username)/\(status.rowID)">\(csrf)\
        <label for="reply">Reply</label>\
        <textarea id="reply" name="status" maxlength="\(maxCharacters * 4)" required></textarea>\
        <button type="submit">Reply</button></form>
        """
    }

    /// Shown instead of a form to a visitor who is not logged in.
    static func loginPrompt(returnTo: String, action: String) -> HTML {
        "<p><a href=\"/login?return_to=\(queryEscape(returnTo))\">Log in</a> to \(action).</p>"
    }

    /// `GET /search`: the form and, for a query, its hits newest first.
    func search(
        query: String, group: String, author: String, hits: [StatusRecord]?, authors: [Int64: AccountRecord],
        nextPage: String?
    ) -> HTML {
        var body: HTML = """
            <h1>Search</h1><form class="stack" method="get" action="/search" role="search">\
            <label>Words<input type="search" name="q" value="\(query)"></label>\
            <label>Group<input type="text" name="group" value="\(group)" autocapitalize="none"></label>\
            <label>Author<input type="text" name="author" value="\(author)" autocapitalize="none"></label>\
            <button type="submit">Search</button></form>
            """
        if let hits {
            let view = PostView(now: now)
            let items = hits.compactMap { hit in authors[hit.accountId].map { view.render(hit, author: $0, showAuthor: true) } }
            body += items.isEmpty ? "<p>No posts found.</p>" : "<div class=\"results\">\(HTML(joining: items))</div>"
            if let nextPage { body += "<nav><a href=\"\(nextPage)\">More results</a></nav>" }
        }
        return page(query.isEmpty ? "Search" : "Search: \(query)", body: body)
    }

    /// Percent-encodes a query parameter value.
    static func queryEscape(_ value: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var out = ""
        for byte in value.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
            }
        }
        return out
    }
}

extension String {
    /// Two hex digits.
    fileprivate func leftPadded() -> String {
        count == 1 ? "0" + self : self
    }
}
