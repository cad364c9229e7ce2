import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /events?group=NAME` and `GET /events?thread=ID`: Server-Sent Events carrying the
/// server-rendered fragment of each new post of a group's timeline, or each new reply in a thread
/// (event `post`, `id` the status id). A comment line every 15 s keeps proxies from closing the
/// stream. The stream ends when the client goes away or the server shuts down.
extension HubRoutes {
    func addWebLiveRoutes(to router: Router<BasicRequestContext>) {
        router.get("/events") { request, _ in
            let viewer = try await webViewer(request)
            let parameters = RequestParameters.query(of: request)
            guard let filter = try await liveFilter(parameters, viewerId: viewer.account?.rowID) else {
                return notFoundPage(viewer, request)
            }
            // Subscribe now, so nothing published while the response starts is missed.
            let events = store.events.subscribe()
            var headers: HTTPFields = [:]
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            let viewerId = viewer.account?.rowID
            let siteTitle = configuration.title
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
                let (output, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var state = filter
                        for await event in events.cancelOnGracefulShutdown() {
                            guard let html = state.fragment(for: event, viewerId: viewerId, siteTitle: siteTitle) else { continue }
                            continuation.yield(Self.serverSentEvent(id: event.status.rowID, html: html))
                        }
                        continuation.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: .seconds(15))
                            continuation.yield(": ping\n\n")
                        }
                    }
                    for await chunk in output {
                        try await writer.write(ByteBuffer(string: chunk))
                    }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            })
        }
    }

    /// The subscription a query asks for, or nil (404) when the group or thread is unknown or
    /// hidden from the viewer.
    private func liveFilter(_ parameters: RequestParameters, viewerId: Int64?) async throws -> LiveFilter? {
        if let name = parameters["group"] {
            guard let group = try await store.visibleAccountRecord(username: name, viewerId: viewerId), group.isGroup else {
                return nil
            }
            return LiveFilter(groupId: group.rowID, depths: nil)
        }
        guard let id = parameters["thread"].flatMap(Int64.init),
            let status = try await store.status(id: id, viewerId: viewerId)
        else { return nil }
        let thread = try await store.context(ofStatus: status, viewerId: viewerId)
        var depths: [Int64: Int] = [status.rowID: 0]
        for reply in thread.descendants {
            depths[reply.rowID] = (reply.inReplyToId.flatMap { depths[$0] } ?? 0) + 1
        }
        return LiveFilter(groupId: status.groupId, depths: depths)
    }

    /// One SSE message: `id`, event `post`, and the fragment as `data` lines.
    static func serverSentEvent(id: Int64, html: HTML) -> String {
        let data = html.markup.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
        return "id: \(id)\nevent: post\n\(data.joined(separator: "\n"))\n\n"
    }
}

/// Which new statuses a live view shows: a group's new top-level posts, or the new replies of a
/// thread (whose known ids and depths it tracks, so that replies to replies follow).
struct LiveFilter: Sendable {
    /// The group of the timeline or thread (nil for a thread outside groups).
    var groupId: Int64?
    /// For a thread: every status in it, with its depth below the root.
    var depths: [Int64: Int]?

    /// The fragment to send for an event, or nil when the view does not show it.
    mutating func fragment(for event: StatusEvent, viewerId: Int64?, siteTitle: String) -> HTML? {
        let status = event.status
        guard event.kind == .created, status.groupId == groupId,
            Visibility(rawValue: status.visibility)?.isOpen == true || status.accountId == viewerId
        else { return nil }
        let pages = WebPages(siteTitle: siteTitle)
        guard var depths else {
            guard status.inReplyToId == nil else { return nil }
            return PostView(now: pages.now).render(status, author: event.author, showAuthor: event.author.rowID != groupId)
        }
        guard let parent = status.inReplyToId, let parentDepth = depths[parent] else { return nil }
        depths[status.rowID] = parentDepth + 1
        self.depths = depths
        return pages.reply(status, author: event.author, depth: parentDepth + 1)
    }
}
