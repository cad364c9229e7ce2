import Hummingbird

/// `/api/v1/timelines/public` and `/api/v1/accounts/:id/statuses`: newest first, paginated.
extension HubRoutes {
    func addTimelineRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/timelines/public") { request, _ in
            _ = try await viewer(request)
            let parameters = RequestParameters.query(of: request)
            let page = try await store.publicTimeline(page: parameters.page(defaultLimit: 20, maxLimit: 40))
            return try statusPageResponse(page, parameters: parameters, path: "/api/v1/timelines/public")
        }
        router.get("/api/v1/accounts/:id/statuses") { request, context in
            let viewer = try await viewer(request)
            let accountId = try id("id", in: context)
            guard try await store.accountRecord(id: accountId) != nil else { throw APIError.notFound }
            let parameters = RequestParameters.query(of: request)
            // The hub has no pinned statuses and no media.
            if parameters.flag("pinned") || parameters.flag("only_media") {
                return try Responses.json([StatusEntity]())
            }
            let page = try await store.accountStatuses(
                accountId: accountId, viewerId: viewer?.rowID, excludeReplies: parameters.flag("exclude_replies"),
                page: parameters.page(defaultLimit: 20, maxLimit: 40)
            )
            return try statusPageResponse(page, parameters: parameters, path: "/api/v1/accounts/\(accountId)/statuses")
        }
    }

    /// A JSON array of statuses with its `Link` header.
    private func statusPageResponse(_ page: StatusPage, parameters: RequestParameters, path: String) throws -> Response {
        var headers: HTTPFields = [:]
        if let link = parameters.linkHeader(url: url(path), ids: page.statuses.map(\.rowID)) {
            headers[.link] = link
        }
        return try Responses.json(renderer.statuses(page), headers: headers)
    }
}
