import Hummingbird

/// `/api/v1/notifications`: where the reply watcher finds replies to a group's posts, and people
/// their mentions. Newest first, paginated by `max_id`/`since_id`/`min_id` with a `Link` header.
extension HubRoutes {
    func addNotificationRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/notifications") { request, _ in
            let account = try await authenticate(request, scope: "read:notifications")
            let parameters = RequestParameters.query(of: request)
            let page = try await store.notifications(
                accountId: account.rowID, types: parameters.all("types"),
                excludeTypes: parameters.all("exclude_types"),
                page: parameters.page(defaultLimit: 40, maxLimit: 80)
            )
            var headers: HTTPFields = [:]
            if let link = parameters.linkHeader(url: url("/api/v1/notifications"), ids: page.notifications.map(\.rowID)) {
                headers[.link] = link
            }
            return try Responses.json(renderer.notifications(page), headers: headers)
        }
        router.get("/api/v1/notifications/:id") { request, context in
            let account = try await authenticate(request, scope: "read:notifications")
            let notificationId = try id("id", in: context)
            let page = try await store.notifications(
                accountId: account.rowID, types: [], excludeTypes: [],
                page: PageRequest(limit: 1, maxId: notificationId + 1, sinceId: notificationId - 1)
            )
            guard let entity = renderer.notifications(page).first else { throw APIError.notFound }
            return try Responses.json(entity)
        }
    }
}
