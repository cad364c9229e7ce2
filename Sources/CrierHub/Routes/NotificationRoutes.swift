import Hummingbird

/// `/api/v1/notifications`: where the reply watcher finds replies to a group's posts.
extension HubRoutes {
    func addNotificationRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/notifications") { request, _ in
            let account = try await authenticate(request)
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
    }
}
