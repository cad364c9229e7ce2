import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// Mastodon streaming over Server-Sent Events: `/api/v1/streaming/{user,user/notification,public,
/// public/local,hashtag,hashtag/local}`, `/api/v1/streaming?stream=…`, and `…/health`.
///
/// Each connection subscribes to the store's ``StatusEvents`` and writes `update`,
/// `status.update`, `delete` and `notification` events whose payloads are JSON strings, plus a
/// `:thump` heartbeat. There is no replay: clients backfill with `min_id` after reconnecting.
/// A stream ends when the client goes away or the server shuts down gracefully.
extension HubRoutes {
    /// How often an idle stream sends a heartbeat comment.
    static let streamingHeartbeat: Duration = .seconds(15)

    func addStreamingRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/streaming/health") { _, _ in Responses.text("OK") }
        router.get("/api/v1/streaming") { request, _ in
            let parameters = RequestParameters.query(of: request)
            return try await stream(request, name: parameters["stream"] ?? "", tag: parameters["tag"])
        }
        for (path, name) in [
            ("user", "user"), ("user/notification", "user:notification"), ("public", "public"),
            ("public/local", "public:local"), ("hashtag", "hashtag"), ("hashtag/local", "hashtag:local"),
        ] {
            router.get(RouterPath("/api/v1/streaming/" + path)) { request, _ in
                try await stream(request, name: name, tag: RequestParameters.query(of: request)["tag"])
            }
        }
    }

    /// Authenticates, then answers with an endless `text/event-stream`.
    private func stream(_ request: Request, name: String, tag: String?) async throws -> Response {
        guard let kind = StreamKind(name: name, tag: tag) else {
            throw APIError(status: .badRequest, message: "Unknown stream type")
        }
        let viewerId: Int64?
        if let scope = kind.requiredScope {
            viewerId = try await authenticate(request, scope: scope).rowID
        } else {
            viewerId = try await viewer(request)?.rowID
        }
        let filter = StreamFilter(kind: kind, viewerId: viewerId, store: store, renderer: renderer)
        // Subscribe before answering, so nothing published after the response starts is missed.
        let events = store.events.subscribe()
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ":)\n\n"))
            let (frames, stop) = Self.frames(events: events, filter: filter, heartbeat: Self.streamingHeartbeat)
            defer { stop() }
            try await withGracefulShutdownHandler {
                for await frame in frames {
                    try await writer.write(ByteBuffer(string: frame.encoded))
                }
            } onGracefulShutdown: {
                stop()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The frames of one connection: each event's (filtered), and a heartbeat every `heartbeat`.
    /// The producers stop when the consumer stops iterating or `stop` is called (which also ends
    /// the stream).
    static func frames(
        events: AsyncStream<StatusEvent>, filter: StreamFilter, heartbeat: Duration
    ) -> (frames: AsyncStream<SSEFrame>, stop: @Sendable () -> Void) {
        let (frames, continuation) = AsyncStream<SSEFrame>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let producer = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in events {
                        for frame in (try? await filter.frames(for: event)) ?? [] { continuation.yield(frame) }
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: heartbeat)
                        continuation.yield(.heartbeat)
                    }
                }
                await group.next()
                group.cancelAll()
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in producer.cancel() }
        return (frames, { continuation.finish() })
    }
}
