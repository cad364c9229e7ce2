import Foundation
import Hummingbird

/// The timelines, newest first, paginated with `max_id`/`since_id`/`min_id` and a `Link` header:
/// home, public, tag, and `/api/v1/accounts/:id/statuses`. Closed groups' statuses appear only
/// to their members.
extension HubRoutes {
    func addTimelineRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/timelines/home") { request, _ in
            let account = try await authenticate(request, scope: "read:statuses")
            let parameters = RequestParameters.query(of: request)
            let page = try await store.homeTimeline(accountId: account.rowID, page: timelinePage(parameters))
            return try statusPageResponse(page, parameters: parameters, path: "/api/v1/timelines/home")
        }
        router.get("/api/v1/timelines/public") { request, _ in
            let viewer = try await viewer(request)
            let parameters = RequestParameters.query(of: request)
            // Every status is local, so `local` changes nothing and `remote` finds nothing.
            if parameters.flag("remote") || parameters.flag("only_media") { return try Responses.json([StatusEntity]()) }
            let page = try await store.publicStatuses(viewerId: viewer?.rowID, page: timelinePage(parameters))
            return try statusPageResponse(page, parameters: parameters, path: "/api/v1/timelines/public")
        }
        router.get("/api/v1/timelines/tag/:hashtag") { request, context in
            let viewer = try await viewer(request)
            let tag = (context.parameters.get("hashtag") ?? "").removingPercentEncoding ?? ""
            let name = (tag.hasPrefix("#") ? String(tag.dropFirst()) : tag).lowercased()
            let parameters = RequestParameters.query(of: request)
            let page = try await store.tagTimeline(tag: name, viewerId: viewer?.rowID, page: timelinePage(parameters))
            let path = "/api/v1/timelines/tag/" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)
            return try statusPageResponse(page, parameters: parameters, path: path)
        }
        router.get("/api/v1/accounts/:id/statuses") { request, context in
            let viewer = try await viewer(request)
            let accountId = try id("id", in: context)
            guard try await store.visibleAccountRecord(id: accountId, viewerId: viewer?.rowID) != nil else {
                throw APIError.notFound
            }
            let parameters = RequestParameters.query(of: request)
            // The hub has no pinned statuses and no media.
            if parameters.flag("pinned") || parameters.flag("only_media") {
                return try Responses.json([StatusEntity]())
            }
            let page = try await store.accountStatuses(
                accountId: accountId, viewerId: viewer?.rowID, excludeReplies: parameters.flag("exclude_replies"),
                page: timelinePage(parameters)
            )
            return try statusPageResponse(page, parameters: parameters, path: "/api/v1/accounts/\(accountId)/statuses")
        }
    }

    /// Timelines' `limit`: 20 by default, at most 40 (Mastodon's values).
    private func timelinePage(_ parameters: RequestParameters) -> PageRequest {
        parameters.page(defaultLimit: 20, maxLimit: 40)
    }

    /// A JSON array of statuses with its `Link` header.
    func statusPageResponse(_ page: StatusPage, parameters: RequestParameters, path: String) throws -> Response {
        var headers: HTTPFields = [:]
        if let link = parameters.linkHeader(url: url(path), ids: page.statuses.map(\.rowID)) {
            headers[.link] = link
        }
        return try Responses.json(renderer.statuses(page), headers: headers)
    }
}
