import Foundation
import Hummingbird

/// The web UI's pages (`/`, `/@username`, `/@username/ID`, their Atom feeds), `/healthz`, and the
/// placeholder avatar that Account entities point to. Posting, log-in, search and live updates
/// are registered from here too (files in `Web/`).
extension HubRoutes {
    func addWebRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Responses.text("ok") }
        router.get(RouterPath(WebRoutes.avatarPath)) { _, _ in
            var headers: HTTPFields = [:]
            headers[.contentType] = "image/png"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WebRoutes.avatarPNG)))
        }
        router.get("/") { request, _ in
            let viewer = try await webViewer(request)
            let groups = try await store.visibleGroups(viewerId: viewer.account?.rowID)
            return Responses.html(pages(viewer, request).index(groups: groups))
        }
        router.get("/@{username}") { request, context in
            let name = context.parameters.get("username") ?? ""
            if name.hasSuffix(".atom") { return try await atomFeed(request, username: String(name.dropLast(5))) }
            return try await timelinePage(request, username: name)
        }
        router.get("/@{username}/:id") { request, context in
            if context.parameters.get("id") == "feed.atom" {
                return try await atomFeed(request, username: context.parameters.get("username") ?? "")
            }
            return try await threadPage(request, context)
        }
        addWebFormRoutes(to: router)
        addWebSearchRoutes(to: router)
        addWebLiveRoutes(to: router)
    }

    /// The page renderer for this viewer, with the header's navigation.
    func pages(_ viewer: WebViewer, _ request: Request) -> WebPages {
        let nav = WebPages.nav(user: viewer.account, csrf: csrfField(viewer), returnTo: request.uri.path)
        return WebPages(siteTitle: configuration.title, nav: nav)
    }

    /// 404, as an HTML page.
    func notFoundPage(_ viewer: WebViewer, _ request: Request) -> Response {
        Responses.html(pages(viewer, request).notFound(), status: .notFound)
    }

    /// `/@username`: a group's top-level posts (its own and its members'), or a person's; 404 for
    /// an unknown account or a closed group the viewer is not in.
    private func timelinePage(_ request: Request, username: String) async throws -> Response {
        let viewer = try await webViewer(request)
        let viewerId = viewer.account?.rowID
        guard let account = try await store.visibleAccountRecord(username: username, viewerId: viewerId) else {
            return notFoundPage(viewer, request)
        }
        let maxId = RequestParameters.query(of: request)["max_id"].flatMap(Int64.init)
        let perPage = WebRoutes.postsPerPage
        let pageRequest = PageRequest(limit: perPage + 1, maxId: maxId)
        let page = account.isGroup
            ? try await store.groupTimeline(groupId: account.rowID, viewerId: viewerId, page: pageRequest)
            : try await store.accountStatuses(
                accountId: account.rowID, viewerId: viewerId, excludeReplies: true, page: pageRequest
            )
        let shown = Array(page.statuses.prefix(perPage))
        let olderThan = page.statuses.count > perPage ? shown.last?.id : nil
        var compose: HTML = ""
        if account.isGroup {
            compose = viewer.account == nil
                ? WebPages.loginPrompt(returnTo: "/@\(account.username)", action: "post")
                : WebPages.composeForm(group: account, csrf: csrfField(viewer), maxCharacters: configuration.maxCharacters)
        }
        let live = account.isGroup && maxId == nil ? "/events?group=\(account.username)" : nil
        return Responses.html(pages(viewer, request).timeline(
            account: account, statuses: shown, authors: page.accounts, olderThan: olderThan,
            compose: compose, liveSource: live
        ))
    }

    /// `/@username/ID`: 404 unless the status exists, the viewer may read it, and it is that
    /// account's.
    private func threadPage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let viewer = try await webViewer(request)
        let viewerId = viewer.account?.rowID
        let username = context.parameters.get("username") ?? ""
        guard let statusId = context.parameters.get("id").flatMap(Int64.init),
            let status = try await store.status(id: statusId, viewerId: viewerId),
            let author = try await store.accountRecord(id: status.accountId),
            author.username.lowercased() == username.lowercased()
        else { return notFoundPage(viewer, request) }
        let thread = try await store.context(ofStatus: status, viewerId: viewerId)
        let authors = try await store.authors(of: thread.descendants + thread.ancestors.suffix(1))
        let parent = thread.ancestors.last.flatMap { parent in authors[parent.accountId].map { (parent, $0) } }
        let path = "/@\(author.username)/\(status.rowID)"
        let form = viewer.account == nil
            ? WebPages.loginPrompt(returnTo: path, action: "reply")
            : WebPages.replyForm(status: status, author: author, csrf: csrfField(viewer), maxCharacters: configuration.maxCharacters)
        return Responses.html(pages(viewer, request).thread(
            status: status, author: author, parent: parent, replies: thread.descendants, authors: authors, replyForm: form
        ))
    }

    /// `/@group.atom` and `/@group/feed.atom`: the group's newest posts as Atom 1.0.
    private func atomFeed(_ request: Request, username: String) async throws -> Response {
        let viewer = try await webViewer(request)
        let viewerId = viewer.account?.rowID
        guard let group = try await store.visibleAccountRecord(username: username, viewerId: viewerId), group.isGroup else {
            return notFoundPage(viewer, request)
        }
        let page = try await store.groupTimeline(
            groupId: group.rowID, viewerId: viewerId, page: PageRequest(limit: WebRoutes.postsPerPage)
        )
        let xml = AtomFeed(origin: origin.value).render(group: group, statuses: page.statuses, authors: page.accounts)
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}

/// Constants of the web UI.
enum WebRoutes {
    /// Posts per timeline page.
    static let postsPerPage = 20
    /// Where every account's avatar points: the hub has no avatars.
    static let avatarPath = "/avatars/missing.png"
    /// A 1×1 transparent PNG.
    static let avatarPNG: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=") ?? Data())
}
