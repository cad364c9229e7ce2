import Foundation
import Hummingbird

/// The web UI's forms: log in, log out, compose a post in a group, reply in a thread. Every POST
/// must carry the viewer's CSRF token (403 otherwise); log-ins are throttled (429).
extension HubRoutes {
    func addWebFormRoutes(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ in try await loginPage(request) }
        router.post("/login") { request, _ in try await logIn(request) }
        router.post("/logout") { request, _ in
            let viewer = try await webViewer(request)
            let parameters = try await RequestParameters.bodyAndQuery(of: request, maxSize: 64 << 10)
            guard csrfIsValid(viewer, parameters: parameters) else { return forbiddenPage(viewer, request) }
            if let token = request.cookies[Self.sessionCookieName]?.value { try await store.deleteSession(token: token) }
            var response = Self.redirect("/")
            response.setCookie(webCookie(Self.sessionCookieName, nil, secure: viewer.secure))
            return response
        }
        router.post("/@{username}") { request, context in
            try await postFromWeb(request, username: context.parameters.get("username") ?? "", replyTo: nil)
        }
        router.post("/@{username}/:id") { request, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else {
                return notFoundPage(try await webViewer(request), request)
            }
            return try await postFromWeb(request, username: context.parameters.get("username") ?? "", replyTo: id)
        }
    }

    /// `GET /login`, which gives a logged-out visitor a nonce cookie for the form's CSRF token.
    private func loginPage(_ request: Request) async throws -> Response {
        var viewer = try await webViewer(request)
        let returnTo = Self.safeReturnPath(RequestParameters.query(of: request)["return_to"])
        var nonce: String?
        if viewer.csrfKey == nil {
            nonce = Secrets.randomToken()
            viewer.csrfKey = nonce
        }
        var response = Responses.html(pages(viewer, request).login(error: nil, returnTo: returnTo, csrf: csrfField(viewer)))
        if let nonce { response.setCookie(webCookie(Self.loginCookieName, nonce, secure: viewer.secure)) }
        return response
    }

    /// `POST /login`: checks the CSRF token, the throttle, then the password; starts a session.
    private func logIn(_ request: Request) async throws -> Response {
        let viewer = try await webViewer(request)
        let parameters = try await RequestParameters.bodyAndQuery(of: request, maxSize: 64 << 10)
        guard csrfIsValid(viewer, parameters: parameters) else { return forbiddenPage(viewer, request) }
        let username = (parameters["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let returnTo = Self.safeReturnPath(parameters["return_to"])
        let keys = ["user:" + username.lowercased(), "ip:" + clientAddress(request)]
        if let wait = await loginThrottle.retryAfter(keys: keys) {
            var response = Responses.html(
                pages(viewer, request).login(
                    error: "Too many failed log-ins. Try again later.", returnTo: returnTo,
                    csrf: csrfField(viewer), username: username
                ),
                status: .tooManyRequests
            )
            response.headers[.retryAfter] = String(max(wait.components.seconds, 1))
            return response
        }
        guard let account = try await store.verifyPassword(username: username, password: parameters["password"] ?? "") else {
            await loginThrottle.recordFailure(keys: keys)
            return Responses.html(
                pages(viewer, request).login(
                    error: "Wrong user name or password.", returnTo: returnTo, csrf: csrfField(viewer), username: username
                ),
                status: .unauthorized
            )
        }
        await loginThrottle.reset(key: keys[0])
        let token = try await store.createSession(accountId: account.rowID, lifetime: configuration.sessionLifetime)
        var response = Self.redirect(returnTo)
        response.setCookie(webCookie(
            Self.sessionCookieName, token, secure: viewer.secure, maxAge: Int(configuration.sessionLifetime.components.seconds)
        ))
        response.setCookie(webCookie(Self.loginCookieName, nil, secure: viewer.secure))
        return response
    }

    /// `POST /@group` (a new post in the group) and `POST /@author/ID` (a reply), as the logged-in
    /// person. A reply to a group's post notifies the group, as an API reply does.
    private func postFromWeb(_ request: Request, username: String, replyTo: Int64?) async throws -> Response {
        let viewer = try await webViewer(request)
        let parameters = try await RequestParameters.bodyAndQuery(of: request)
        guard csrfIsValid(viewer, parameters: parameters) else { return forbiddenPage(viewer, request) }
        guard let person = viewer.account else {
            return Self.redirect("/login?return_to=" + WebPages.queryEscape("/@\(username)"))
        }
        var new = NewStatus(accountId: person.rowID, text: "")
        var back = "/@\(username)"
        if let replyTo {
            guard let parent = try await store.status(id: replyTo, viewerId: person.rowID),
                let author = try await store.accountRecord(id: parent.accountId),
                author.username.lowercased() == username.lowercased()
            else { return notFoundPage(viewer, request) }
            new.inReplyToId = parent.rowID
            back = "/@\(author.username)/\(parent.rowID)"
        } else {
            guard let group = try await store.visibleAccountRecord(username: username, viewerId: person.rowID),
                group.isGroup
            else { return notFoundPage(viewer, request) }
            new.groupId = group.rowID
            back = "/@\(group.username)"
        }
        do {
            new.text = try validatedText(parameters["status"])
        } catch let error as APIError {
            return Responses.html(
                pages(viewer, request).message("Not posted", "\(error.message) <a href=\"\(back)\">Back</a>"),
                status: .unprocessableContent
            )
        }
        let (status, _) = try await store.createStatus(new)
        return Self.redirect(replyTo == nil ? back : "\(back)#s\(status.rowID)")
    }

    /// 403 for a form without a valid CSRF token.
    func forbiddenPage(_ viewer: WebViewer, _ request: Request) -> Response {
        Responses.html(
            pages(viewer, request).message("Forbidden", "The form has expired or did not come from this site. Reload the page and try again."),
            status: .forbidden
        )
    }

    /// A local path to return to after logging in: must start with one `/` (no other origin).
    static func safeReturnPath(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"),
            !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return "/" }
        return value
    }

    /// 303 See Other to a local path.
    static func redirect(_ path: String) -> Response {
        var headers: HTTPFields = [:]
        headers[.location] = path
        return Response(status: .seeOther, headers: headers)
    }
}
