import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Statuses API")
struct StatusAPITests {
    @Test("A posted status can be read back, shaped like Mastodon's")
    func postAndGet() async throws {
        try await HubFixture.with { f in
            let posted = try await f.hub.post("Version 2.0 is out\nSee https://example.org/v2", token: f.groupToken)
            #expect(posted.text == "Version 2.0 is out\nSee https://example.org/v2")
            #expect(posted.content == "<p>Version 2.0 is out<br />See <a href=\"https://example.org/v2\" rel=\"nofollow noopener\" target=\"_blank\">https://example.org/v2</a></p>")
            #expect(posted.account.group)
            #expect(posted.account.username == "releases")
            #expect(posted.url == "\(f.hub.baseURL)/@releases/\(posted.id)")
            #expect(posted.editedAt == nil)
            #expect(posted.visibility == "public")
            #expect(posted.createdAt.hasSuffix("Z") && posted.createdAt.count == 24)

            let response = try await f.hub.send("GET", "/api/v1/statuses/\(posted.id)")
            #expect(response.status == 200)
            #expect(try response.decode(TestStatus.self) == posted)
            // Explicit nulls, as Mastodon clients expect.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(object["edited_at"] is NSNull)
            #expect(object["in_reply_to_id"] is NSNull)
            #expect(object["reblog"] is NSNull)
            #expect((object["mentions"] as? [Any])?.isEmpty == true)

            #expect(try await f.hub.send("GET", "/api/v1/statuses/999999").status == 404)
        }
    }

    @Test("JSON bodies are accepted, like form bodies")
    func postJSON() async throws {
        try await HubFixture.with { f in
            let first = try await f.hub.post("first", token: f.groupToken)
            let response = try await f.hub.send(
                "POST", "/api/v1/statuses", token: f.aliceToken,
                json: #"{"status": "a reply", "in_reply_to_id": \#(first.id), "visibility": "unlisted"}"#
            )
            #expect(response.status == 200)
            let reply = try response.decode(TestStatus.self)
            #expect(reply.inReplyToId == first.id)
            #expect(reply.inReplyToAccountId == f.group.id)
            #expect(reply.visibility == "unlisted")
        }
    }

    @Test("Posting, editing and notifications need a valid token")
    func unauthorized() async throws {
        try await HubFixture.with { f in
            for token in [nil, "not-a-token"] {
                let post = try await f.hub.send("POST", "/api/v1/statuses", token: token, form: [("status", "hi")])
                #expect(post.status == 401)
                #expect(post.text == #"{"error":"The access token is invalid"}"#)
                #expect(try await f.hub.send("GET", "/api/v1/notifications", token: token).status == 401)
                #expect(try await f.hub.send("PUT", "/api/v1/statuses/1", token: token, form: [("status", "x")]).status == 401)
            }
        }
    }

    @Test("Blank and over-long statuses are refused with 422; a URL counts 23")
    func validation() async throws {
        try await HubFixture.with(maxCharacters: 50) { f in
            let blank = try await f.hub.send("POST", "/api/v1/statuses", token: f.groupToken, form: [("status", "  \n ")])
            #expect(blank.status == 422)
            #expect(blank.text == #"{"error":"Validation failed: Text can't be blank"}"#)

            // 26 characters of text + a 60-character URL counted as 23 = 49: accepted.
            let url = "https://example.org/" + String(repeating: "a", count: 40)
            let fits = String(repeating: "x", count: 25) + " " + url
            _ = try await f.hub.post(fits, token: f.groupToken)
            // One more character: 50 is still fine, 51 is not.
            _ = try await f.hub.post("y" + fits, token: f.groupToken)
            let tooLong = try await f.hub.send("POST", "/api/v1/statuses", token: f.groupToken, form: [("status", "yz" + fits)])
            #expect(tooLong.status == 422)
            #expect(tooLong.text == #"{"error":"Validation failed: Text character limit of 50 exceeded"}"#)
        }
    }

    @Test("Replying to an unknown status is a 404")
    func replyToUnknown() async throws {
        try await HubFixture.with { f in
            let response = try await f.hub.send(
                "POST", "/api/v1/statuses", token: f.aliceToken, form: [("status", "hi"), ("in_reply_to_id", "4242")]
            )
            #expect(response.status == 404)
        }
    }

    @Test("The author can edit; the old text is kept; others get 403")
    func edit() async throws {
        try await HubFixture.with { f in
            let posted = try await f.hub.post("Version 2.0 is out", token: f.groupToken)
            let edited = try await f.hub.send(
                "PUT", "/api/v1/statuses/\(posted.id)", token: f.groupToken, form: [("status", "Version 2.0.1 is out")]
            )
            #expect(edited.status == 200)
            let status = try edited.decode(TestStatus.self)
            #expect(status.text == "Version 2.0.1 is out")
            #expect(status.editedAt != nil)
            #expect(status.id == posted.id)

            let fetched = try await f.hub.send("GET", "/api/v1/statuses/\(posted.id)").decode(TestStatus.self)
            #expect(fetched.content == "<p>Version 2.0.1 is out</p>")
            let history = try await f.hub.store.edits(ofStatus: Int64(posted.id)!)
            #expect(history.map(\.text) == ["Version 2.0 is out"])

            let forbidden = try await f.hub.send(
                "PUT", "/api/v1/statuses/\(posted.id)", token: f.aliceToken, form: [("status", "hacked")]
            )
            #expect(forbidden.status == 403)
            let missing = try await f.hub.send("PUT", "/api/v1/statuses/999", token: f.groupToken, form: [("status", "x")])
            #expect(missing.status == 404)
        }
    }

    @Test("The context lists ancestors and depth-first descendants")
    func context() async throws {
        try await HubFixture.with { f in
            let root = try await f.hub.post("root", token: f.groupToken)
            let a = try await f.hub.post("a", token: f.aliceToken, inReplyTo: root.id)
            let b = try await f.hub.post("b", token: f.aliceToken, inReplyTo: root.id)
            let a1 = try await f.hub.post("a1", token: f.groupToken, inReplyTo: a.id)
            let a1x = try await f.hub.post("a1x", token: f.aliceToken, inReplyTo: a1.id)

            struct Context: Decodable { var ancestors: [TestStatus]; var descendants: [TestStatus] }
            let rootContext = try await f.hub.send("GET", "/api/v1/statuses/\(root.id)/context").decode(Context.self)
            #expect(rootContext.ancestors.isEmpty)
            #expect(rootContext.descendants.map(\.text) == ["a", "a1", "a1x", "b"])

            let leafContext = try await f.hub.send("GET", "/api/v1/statuses/\(a1x.id)/context").decode(Context.self)
            #expect(leafContext.ancestors.map(\.text) == ["root", "a", "a1"])
            #expect(leafContext.descendants.isEmpty)

            let refreshed = try await f.hub.send("GET", "/api/v1/statuses/\(root.id)").decode(TestStatus.self)
            #expect(refreshed.repliesCount == 2)
            _ = b
        }
    }
}
