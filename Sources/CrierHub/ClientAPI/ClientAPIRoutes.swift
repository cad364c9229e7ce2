import Hummingbird

/// The Mastodon client API's additions for people's own clients: OAuth, streaming.
extension HubRoutes {
    /// Registers the OAuth and streaming routes.
    func addClientAPIRoutes(to router: Router<BasicRequestContext>) {
        addAppRoutes(to: router)
        addOAuthRoutes(to: router)
        addStreamingRoutes(to: router)
    }
}
