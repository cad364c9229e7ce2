import Hummingbird

/// `GET /search?q=…&group=…&author=…`: full-text search over what the viewer may see.
extension HubRoutes {
    func addWebSearchRoutes(to router: Router<BasicRequestContext>) {
        router.get("/search") { request, _ in
            let viewer = try await webViewer(request)
            let viewerId = viewer.account?.rowID
            let parameters = RequestParameters.query(of: request)
            let text = String((parameters["q"] ?? "").prefix(500))
            let groupName = Self.strippedHandle(parameters["group"])
            let authorName = Self.strippedHandle(parameters["author"])
            let pages = self.pages(viewer, request)
            guard !text.isEmpty || !groupName.isEmpty || !authorName.isEmpty else {
                return Responses.html(pages.search(query: "", group: "", author: "", hits: nil, authors: [:], nextPage: nil))
            }
            // An unknown (or invisible) group or author matches nothing, rather than everything.
            var query = SearchQuery(
                text: text, viewerId: viewerId,
                page: PageRequest(limit: WebRoutes.postsPerPage + 1, maxId: parameters["max_id"].flatMap(Int64.init))
            )
            var unknown = false
            if !groupName.isEmpty {
                let group = try await store.visibleAccountRecord(username: groupName, viewerId: viewerId)
                query.groupId = group?.rowID
                unknown = unknown || group?.isGroup != true
            }
            if !authorName.isEmpty {
                let author = try await store.visibleAccountRecord(username: authorName, viewerId: viewerId)
                query.authorId = author?.rowID
                unknown = unknown || author == nil
            }
            let page = unknown ? StatusPage(statuses: [], accounts: [:]) : try await store.search(query)
            let hits = Array(page.statuses.prefix(WebRoutes.postsPerPage))
            var next: String?
            if page.statuses.count > WebRoutes.postsPerPage, let last = hits.last {
                next = "/search?q=\(WebPages.queryEscape(text))&group=\(WebPages.queryEscape(groupName))"
                    + "&author=\(WebPages.queryEscape(authorName))&max_id=\(last.rowID)"
            }
            return Responses.html(pages.search(
                query: text, group: groupName, author: authorName, hits: hits, authors: page.accounts, nextPage: next
            ))
        }
    }

    /// A username typed with or without `@`.
    static func strippedHandle(_ value: String?) -> String {
        String((value ?? "").trimmingCharacters(in: .whitespaces).drop { $0 == "@" }.prefix(64))
    }
}
