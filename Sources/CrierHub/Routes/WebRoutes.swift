import Foundation
import Hummingbird

/// The read-only web UI (`/`, `/@username`, `/@username/ID`), `/healthz`, and the placeholder
/// avatar that Account entities point to.
extension HubRoutes {
    func addWebRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Responses.text("ok") }
        router.get(RouterPath(WebRoutes.avatarPath)) { _, _ in
            var headers: HTTPFields = [:]
            headers[.contentType] = "image/png"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: WebRoutes.avatarPNG)))
        }
        router.get("/") { _, _ in
            Responses.html(pages.index(groups: try await store.groups()))
        }
        router.get("/@{username}") { request, context in
            guard let account = try await store.accountRecord(username: context.parameters.get("username") ?? "") else {
                return Responses.html(pages.notFound(), status: .notFound)
            }
            let maxId = RequestParameters.query(of: request)["max_id"].flatMap(Int64.init)
            let perPage = WebRoutes.postsPerPage
            let page = try await store.accountStatuses(
                accountId: account.rowID, viewerId: nil, excludeReplies: true,
                page: PageRequest(limit: perPage + 1, maxId: maxId)
            )
            let shown = Array(page.statuses.prefix(perPage))
            let olderThan = page.statuses.count > perPage ? shown.last?.id : nil
            return Responses.html(pages.timeline(account: account, statuses: shown, olderThan: olderThan))
        }
        router.get("/@{username}/:id") { _, context in
            try await threadPage(context)
        }
    }

    private var pages: WebPages { WebPages(siteTitle: configuration.title) }

    /// `/@username/ID`: 404 unless the status exists, is readable anonymously and is that account's.
    private func threadPage(_ context: BasicRequestContext) async throws -> Response {
        let username = context.parameters.get("username") ?? ""
        guard let statusId = context.parameters.get("id").flatMap(Int64.init),
            let status = try await store.status(id: statusId, viewerId: nil),
            let author = try await store.accountRecord(id: status.accountId),
            author.username.lowercased() == username.lowercased()
        else { return Responses.html(pages.notFound(), status: .notFound) }
        let thread = try await store.context(ofStatus: status, viewerId: nil)
        let authors = try await store.authors(of: thread.descendants + thread.ancestors.suffix(1))
        let parent = thread.ancestors.last.flatMap { parent in authors[parent.accountId].map { (parent, $0) } }
        return Responses.html(pages.thread(
            status: status, author: author, parent: parent, replies: thread.descendants, authors: authors
        ))
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
