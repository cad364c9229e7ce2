import Hummingbird

/// `/api/v1/accounts`: by id, by name, and the token's own. A closed group is a 404 to non-members.
extension HubRoutes {
    func addAccountRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/accounts/verify_credentials") { request, _ in
            try Responses.json(renderer.account(try await authenticate(request)))
        }
        router.get("/api/v1/accounts/lookup") { request, _ in
            let viewer = try await viewer(request)
            // `acct` may be `name`, `@name` or `name@domain`; this hub has one domain.
            let acct = RequestParameters.query(of: request)["acct"] ?? ""
            let username = acct.drop { $0 == "@" }.split(separator: "@").first.map(String.init) ?? ""
            guard let account = try await store.visibleAccountRecord(username: username, viewerId: viewer?.rowID) else {
                throw APIError.notFound
            }
            return try Responses.json(renderer.account(account))
        }
        router.get("/api/v1/accounts/:id") { request, context in
            let viewer = try await viewer(request)
            guard let account = try await store.visibleAccountRecord(id: id("id", in: context), viewerId: viewer?.rowID) else {
                throw APIError.notFound
            }
            return try Responses.json(renderer.account(account))
        }
    }
}
