import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Search and live updates")
struct SearchAndLiveTests {
    @Test("Search finds posts by words and prefixes, filtered by group and author")
    func search() async throws {
        try await HubFixture.with { f in
            let ops = try f.hub.store.ensureGroup(username: "ops", displayName: "Ops", note: "")
            let opsToken = try f.hub.store.token(for: ops.id, label: "t")
            let fox = try await f.hub.post("The quick brown fox", token: f.groupToken)
            _ = try await f.hub.post("A lazy dog sleeps", token: f.groupToken)
            _ = try await f.hub.post("Quick reply from Alice", token: f.aliceToken, inReplyTo: fox.id)
            _ = try await f.hub.post("quick ops note", token: opsToken)
            let browser = Browser(f.hub)
            func hits(_ query: String) async throws -> [String] {
                let body = try await browser.get("/search?\(query)").body
                return ["The quick brown fox", "A lazy dog sleeps", "Quick reply from Alice", "quick ops note"]
                    .filter { body.contains($0) }
            }
            #expect(try await hits("q=quick").count == 3)
            #expect(try await hits("q=bro") == ["The quick brown fox"])
            #expect(try await hits("q=quick+fox") == ["The quick brown fox"])
            #expect(try await hits("q=quick&group=ops") == ["quick ops note"])
            #expect(try await hits("q=quick&group=releases") == ["The quick brown fox", "Quick reply from Alice"])
            #expect(try await hits("q=quick&author=%40alice") == ["Quick reply from Alice"])
            #expect(try await hits("author=releases") == ["The quick brown fox", "A lazy dog sleeps"])
            #expect(try await hits("q=quick&group=nobody").isEmpty)
            #expect(try await hits("q=%22%29+OR+*+NEAR%28").isEmpty)
            #expect(try await browser.get("/search?q=%22%29+OR+*+NEAR%28").status == 200)
        }
    }

    @Test("The SSE endpoints stream new posts' fragments to timelines and threads")
    func serverSentEvents() async throws {
        try await HubFixture.with { f in
            let root = try await f.hub.post("Thread root", token: f.groupToken)
            let timeline = try RawHTTP(baseURL: f.hub.baseURL)
            timeline.send("GET", "/events?group=releases")
            let thread = try RawHTTP(baseURL: f.hub.baseURL)
            thread.send("GET", "/events?thread=\(root.id)")
            // The timeline stream stays open while the hub shuts down: the shutdown must still finish.
            defer { thread.shutdownConnection() }
            #expect(await timeline.read { $0.contains(": connected") }.contains("text/event-stream"))
            _ = await thread.read { $0.contains(": connected") }

            let post = try await f.hub.post("Live <b>news</b>", token: f.groupToken)
            let reply = try await f.hub.post("Live reply", token: f.aliceToken, inReplyTo: root.id)
            let postMarker = "id=\"s\(post.id)\""
            let timelineText = await timeline.read { $0.contains(postMarker) }
            #expect(timelineText.contains("id: \(post.id)\nevent: post\ndata: <article id=\"s\(post.id)\">"))
            #expect(timelineText.contains("Live &lt;b&gt;news&lt;/b&gt;"))
            #expect(!timelineText.contains("Live reply"))
            let replyMarker = "id=\"s\(reply.id)\""
            let threadText = await thread.read { $0.contains(replyMarker) }
            #expect(threadText.contains("event: post"))
            #expect(threadText.contains("class=\"reply\"") && threadText.contains("Live reply"))
            #expect(!threadText.contains("Live &lt;b&gt;"))

            let page = try await Browser(f.hub).get("/@releases")
            #expect(page.body.contains("id=\"live\" data-src=\"/events?group=releases\""))
        }
    }
}
