/// The HTML pages of the OAuth authorization flow: consent, the out-of-band code, a log-in
/// prompt, and errors. Every value from a request or the database is escaped by ``HTML``.
struct OAuthPages: Sendable {
    /// The instance title.
    var siteTitle: String

    /// The request being authorized, carried through the consent form.
    struct Grant: Sendable {
        var clientId: String
        var redirectUri: String
        var scopes: Scopes
        var state: String?
    }

    /// "App X wants to act as @you": approve or deny.
    func consent(app: OAuthAppRecord, account: AccountRecord, grant: Grant, hiddenFields: HTML) -> HTML {
        let scopes = HTML(joining: grant.scopes.names.map { name -> HTML in "<li><code>\(name)</code></li>" })
        let website: HTML = app.website.map { "<div class=\"meta\">\($0)</div>" } ?? ""
        let body: HTML = """
            <h1>Authorize \(app.name)?</h1>\(website)
            <p>\(app.name) asks to use your account <strong>@\(account.username)</strong> with these permissions:</p>
            <ul>\(scopes)</ul>
            <form method="post" action="/oauth/authorize">\(hiddenFields)
            <input type="hidden" name="client_id" value="\(grant.clientId)">
            <input type="hidden" name="redirect_uri" value="\(grant.redirectUri)">
            <input type="hidden" name="scope" value="\(grant.scopes.text)">
            <input type="hidden" name="state" value="\(grant.state ?? "")">
            <button type="submit" name="decision" value="approve">Authorize</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            """
        return page("Authorize \(app.name)", body)
    }

    /// The code, for apps registered with `urn:ietf:wg:oauth:2.0:oob`.
    func outOfBandCode(_ code: String, app: OAuthAppRecord) -> HTML {
        page("Authorization code", """
            <h1>Authorization code</h1><p>Copy this code and paste it into \(app.name):</p>
            <p><code id="code">\(code)</code></p>
            """)
    }

    /// Shown when nobody is logged in; `loginURL` returns here after log-in.
    func loginRequired(loginURL: String) -> HTML {
        page("Log in", """
            <h1>Log in first</h1><p>An app asks for access to your account. \
            <a href="\(loginURL)">Log in</a> to review the request.</p>
            """)
    }

    /// A request that cannot be authorized (unknown app, wrong redirect URI, bad scope).
    func error(_ message: String) -> HTML {
        page("Authorization failed", "<h1>Authorization failed</h1><p>\(message)</p>")
    }

    private func page(_ title: String, _ body: HTML) -> HTML {
        HTMLPage(title: title, siteTitle: siteTitle, body: body).render()
    }
}
