import Hummingbird

/// `/api/v2/instance` and `/api/v1/instance`: what clients read to learn the limits.
extension HubRoutes {
    func addInstanceRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v2/instance") { _, _ in
            let usage = try await store.usage()
            let origin = self.origin
            return try Responses.json(InstanceEntity.V2(
                domain: origin.authority, title: configuration.title,
                description: "\(configuration.title), Crier's embedded microblog",
                usage: .init(users: .init(activeMonth: usage.accounts)),
                thumbnail: .init(url: origin.value + WebRoutes.avatarPath),
                configuration: .init(
                    urls: .init(streaming: "ws://\(origin.authority)"),
                    statuses: .init(maxCharacters: configuration.maxCharacters)
                )
            ))
        }
        router.get("/api/v1/instance") { _, _ in
            let usage = try await store.usage()
            return try Responses.json(InstanceEntity.V1(
                uri: origin.authority, title: configuration.title,
                shortDescription: "", description: "\(configuration.title), Crier's embedded microblog",
                urls: .init(streamingApi: "ws://\(origin.authority)"),
                stats: .init(userCount: usage.accounts, statusCount: usage.statuses),
                maxTootChars: configuration.maxCharacters,
                configuration: .init(statuses: .init(maxCharacters: configuration.maxCharacters))
            ))
        }
    }
}
