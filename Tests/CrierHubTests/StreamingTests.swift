import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Streaming (SSE)")
struct StreamingTests {
    /// Opens a stream and waits for its opening comment.
    static func open(_ hub: RunningHub, _ path: String, token: String? = nil) async throws -> RawHTTP {
        let connection = try RawHTTP(baseURL: hub.baseURL)
        connection.send("GET", path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
        let head = await connection.read { $0.contains(":)\n") }
        #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
        #expect(head.lowercased().contains("content-type: text/event-stream"))
        return connection
    }

    @Test("Health answers OK; unknown streams and missing tokens are refused")
    func health() async throws {
        try await HubFixture.with { f in
            let health = try await f.hub.send("GET", "/api/v1/streaming/health")
            #expect(health.text == "OK")
            let unknown = try await f.hub.send("GET", "/api/v1/streaming?stream=nonsense")
            #expect(unknown.status == 400)
            let anonymous = try await f.hub.send("GET", "/api/v1/streaming/user")
            #expect(anonymous.status == 401)
            let noTag = try await f.hub.send("GET", "/api/v1/streaming/hashtag")
            #expect(noTag.status == 400)
            #expect(SSEFrame(event: "update", data: "a\nb").encoded == "event: update\ndata: a\ndata: b\n\n")
            #expect(SSEFrame.heartbeat.encoded == ":thump\n\n")
        }
    }

    @Test("The user stream gets updates, edits, deletes and notifications")
    func userStream() async throws {
        try await HubFixture.with { f in
            let stream = try await Self.open(f.hub, "/api/v1/streaming/user", token: f.aliceToken)
            defer { stream.shutdownConnection() }
            let post = try await f.hub.post("fresh from the group", token: f.groupToken)
            var text = await stream.read { $0.contains("event: update") && $0.contains("\"id\":\"\(post.id)\"") }
            #expect(text.contains("\"content\":\"<p>fresh from the group</p>\""))

            _ = try await f.hub.send("PUT", "/api/v1/statuses/\(post.id)", token: f.groupToken, form: [("status", "edited text")])
            text = await stream.read { $0.contains("event: status.update") && $0.contains("edited text") }
            #expect(text.contains("event: status.update"))

            let mention = try await f.hub.post("thanks @alice", token: f.groupToken)
            text = await stream.read { $0.contains("event: notification") }
            #expect(text.contains("event: notification") && text.contains("\"type\":\"mention\""))
            #expect(text.contains("\"id\":\"\(mention.id)\""))

            _ = try await f.hub.send("DELETE", "/api/v1/statuses/\(post.id)", token: f.groupToken)
            text = await stream.read { $0.contains("event: delete\ndata: \(post.id)\n") }
            #expect(text.contains("event: delete\ndata: \(post.id)\n"))
        }
    }

    @Test("Public and hashtag streams, with the token in the query; closed groups stay private")
    func publicAndHashtag() async throws {
        try await HubFixture.with { f in
            let secret = try f.hub.store.ensureGroup(username: "secret", displayName: "Secret", note: "")
            try f.hub.store.setGroupClosed("secret", closed: true)
            let secretToken = try f.hub.store.token(for: secret.id, label: "t")
            let publicStream = try await Self.open(f.hub, "/api/v1/streaming/public")
            let tagStream = try await Self.open(f.hub, "/api/v1/streaming?stream=hashtag&tag=Ops&access_token=\(f.aliceToken)")
            defer { publicStream.shutdownConnection() }

            _ = try await f.hub.post("hidden #ops", token: secretToken)
            _ = try await f.hub.post("untagged", token: f.groupToken)
            let tagged = try await f.hub.post("visible #OPS", token: f.groupToken)
            let taggedId = "\"id\":\"\(tagged.id)\""
            let publicText = await publicStream.read { $0.contains(taggedId) }
            #expect(publicText.contains("untagged") && publicText.contains("visible #OPS"))
            #expect(!publicText.contains("hidden"))
            let tagText = await tagStream.read { $0.contains(taggedId) }
            #expect(tagText.contains("visible #OPS") && !tagText.contains("untagged") && !tagText.contains("hidden"))
            // The tag stream stays open while the hub shuts down: the shutdown must still finish.
        }
    }
}
