import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Web UI")
struct WebTests {
    @Test("The index lists groups, the timeline shows posts, with a strict CSP")
    func pages() async throws {
        try await HubFixture.with { f in
            let post = try await f.hub.post("Release notes: https://example.org/notes", token: f.groupToken)
            _ = try await f.hub.post("Nice", token: f.aliceToken, inReplyTo: post.id)

            let index = try await f.hub.send("GET", "/")
            #expect(index.status == 200)
            #expect(index.headers["Content-Type"] == "text/html; charset=utf-8")
            #expect(index.headers["Content-Security-Policy"] == Responses.contentSecurityPolicy)
            #expect(Responses.contentSecurityPolicy.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'sha256-"))
            #expect(index.text.contains("<a href=\"/@releases\">Releases</a>"))
            #expect(index.text.contains("New versions"))
            #expect(index.text.contains("1 post"))
            #expect(index.text.contains("Test &lt;Hub&gt;"))
            #expect(!index.text.contains("@alice"))

            let timeline = try await f.hub.send("GET", "/@releases")
            #expect(timeline.status == 200)
            #expect(timeline.headers["Content-Security-Policy"] == Responses.contentSecurityPolicy)
            #expect(timeline.text.contains("Release notes: <a href=\"https://example.org/notes\""))
            #expect(timeline.text.contains("href=\"/@releases/\(post.id)\""))
            #expect(timeline.text.contains("1 reply"))

            let thread = try await f.hub.send("GET", "/@releases/\(post.id)")
            #expect(thread.status == 200)
            #expect(thread.text.contains("Nice"))
            #expect(thread.text.contains("@alice"))

            #expect(try await f.hub.send("GET", "/@nobody").status == 404)
            #expect(try await f.hub.send("GET", "/@alice/\(post.id)").status == 404)
        }
    }

    @Test("Markup in a post is escaped on both pages")
    func escaping() async throws {
        try await HubFixture.with { f in
            let post = try await f.hub.post("<script>alert(1)</script> & \"quotes\"", token: f.groupToken)
            for path in ["/@releases", "/@releases/\(post.id)"] {
                let page = try await f.hub.send("GET", path).text
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), "\(path)")
                #expect(!page.contains("<script>alert"), "\(path)")
            }
            // The API's HTML content is escaped too.
            #expect(post.content == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</p>")
        }
    }

    @Test("The timeline pages with max_id, 20 posts a page")
    func timelinePaging() async throws {
        try await HubFixture.with { f in
            var ids: [String] = []
            for n in 1...21 { ids.append(try await f.hub.post("post number \(n)", token: f.groupToken).id) }
            let first = try await f.hub.send("GET", "/@releases").text
            #expect(first.contains("post number 21"))
            #expect(first.contains("post number 2<"))
            #expect(!first.contains("post number 1<"))
            #expect(first.contains("/@releases?max_id=\(ids[1])"))
            let second = try await f.hub.send("GET", "/@releases?max_id=\(ids[1])").text
            #expect(second.contains("post number 1<"))
            #expect(!second.contains("Older posts"))
        }
    }
}
