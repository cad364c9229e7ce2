import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Client API: delete, home and tag timelines, notifications")
struct ClientTimelineTests {
    @Test("The author deletes a status and gets it back with its text; counts follow; others get 403")
    func delete() async throws {
        try await HubFixture.with { f in
            let post = try await f.hub.post("to be removed #Gone", token: f.groupToken)
            let reply = try await f.hub.post("a reply", token: f.aliceToken, inReplyTo: post.id)
            #expect(try await f.hub.send("DELETE", "/api/v1/statuses/\(post.id)", token: f.aliceToken).status == 403)
            #expect(try await f.hub.send("DELETE", "/api/v1/statuses/\(post.id)").status == 401)

            let deletedReply = try await f.hub.send("DELETE", "/api/v1/statuses/\(reply.id)", token: f.aliceToken)
            #expect(deletedReply.status == 200)
            #expect(try deletedReply.decode(TestStatus.self).text == "a reply")
            let parent = try await f.hub.send("GET", "/api/v1/statuses/\(post.id)").decode(TestStatus.self)
            #expect(parent.repliesCount == 0)
            // The group's notification about the reply went with it.
            #expect(try await f.hub.send("GET", "/api/v1/notifications", token: f.groupToken).decode([TestNotification].self).isEmpty)

            let deleted = try await f.hub.send("DELETE", "/api/v1/statuses/\(post.id)", token: f.groupToken)
            #expect(try deleted.decode(TestStatus.self).text == "to be removed #Gone")
            #expect(try await f.hub.send("GET", "/api/v1/statuses/\(post.id)").status == 404)
            #expect(try await f.hub.send("DELETE", "/api/v1/statuses/\(post.id)", token: f.groupToken).status == 404)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/\(f.group.id)").decode(TestAccount.self).statusesCount == 0)
            #expect(try await f.hub.send("GET", "/api/v1/timelines/tag/gone").decode([TestStatus].self).isEmpty)
        }
    }

    @Test("Home: own statuses and the groups one may read; closed groups only for members")
    func home() async throws {
        try await HubFixture.with { f in
            let secret = try f.hub.store.ensureGroup(username: "secret", displayName: "Secret", note: "")
            try f.hub.store.setGroupClosed("secret", closed: true)
            let secretToken = try f.hub.store.token(for: secret.id, label: "t")
            let bob = try f.hub.store.ensureUser(username: "bob", displayName: "Bob")
            let bobToken = try f.hub.store.token(for: bob.id, label: "t")

            let groupPost = try await f.hub.post("release", token: f.groupToken)
            let closedPost = try await f.hub.post("members only", token: secretToken)
            let bobsOwn = try await f.hub.post("bob's note", token: bobToken)
            let alicesOwn = try await f.hub.post("alice's note", token: f.aliceToken)

            let alice = try await f.hub.send("GET", "/api/v1/timelines/home", token: f.aliceToken).decode([TestStatus].self)
            #expect(alice.map(\.id) == [alicesOwn.id, groupPost.id])
            try f.hub.store.addMember(group: "secret", user: "alice")
            let member = try await f.hub.send("GET", "/api/v1/timelines/home", token: f.aliceToken).decode([TestStatus].self)
            #expect(member.map(\.id) == [alicesOwn.id, closedPost.id, groupPost.id])
            #expect(!member.map(\.id).contains(bobsOwn.id))
            #expect(try await f.hub.send("GET", "/api/v1/timelines/home").status == 401)

            // Non-members get nothing of the closed group from the other timelines either.
            let publicTimeline = try await f.hub.send("GET", "/api/v1/timelines/public").decode([TestStatus].self)
            #expect(!publicTimeline.map(\.id).contains(closedPost.id))
            #expect(try await f.hub.send("GET", "/api/v1/accounts/\(secret.id)/statuses", token: bobToken).status == 404)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/\(secret.id)").status == 404)
            #expect(try await f.hub.send("GET", "/api/v1/statuses/\(closedPost.id)", token: bobToken).status == 404)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/\(secret.id)/statuses", token: f.aliceToken).status == 200)
        }
    }

    @Test("Tag timeline: case-insensitive, public only, paginated; URL fragments are not tags")
    func tags() async throws {
        try await HubFixture.with { f in
            let first = try await f.hub.post("Shipping #Swift 6", token: f.groupToken)
            _ = try await f.hub.post("see https://example.org/#swift", token: f.groupToken)
            let second = try await f.hub.post("more #swift and #SWIFT", token: f.aliceToken)
            var form = [("status", "quiet #swift"), ("visibility", "private")]
            _ = try await f.hub.send("POST", "/api/v1/statuses", token: f.aliceToken, form: form)
            let edited = try await f.hub.post("untagged yet", token: f.groupToken)
            form = [("status", "now #Swift")]
            #expect(try await f.hub.send("PUT", "/api/v1/statuses/\(edited.id)", token: f.groupToken, form: form).status == 200)

            let page = try await f.hub.send("GET", "/api/v1/timelines/tag/SWIFT?limit=2")
            #expect(try page.decode([TestStatus].self).map(\.id) == [edited.id, second.id])
            let next = try #require(page.link("next"))
            #expect(next.contains("/api/v1/timelines/tag/swift?limit=2&max_id=\(second.id)"))
            let rest = try await f.hub.client.send(HTTPRequest(url: next)).decode([TestStatus].self)
            #expect(rest.map(\.id) == [first.id])
            #expect(StatusTags.hashtags(in: "#a1 x#no (#yes) #1 #ÉTÉ") == ["a1", "yes", "été"])
            #expect(StatusTags.mentions(in: "hi @Alice and @bob@example.org, mail a@b.c") == ["alice", "bob"])
        }
    }

    @Test("Mentions notify; notifications paginate with Link, max_id, min_id and since_id")
    func notificationPagination() async throws {
        try await HubFixture.with { f in
            var ids: [String] = []
            for n in 1...5 {
                _ = try await f.hub.post("hey @alice, number \(n)", token: f.groupToken)
                let all = try await f.hub.send("GET", "/api/v1/notifications", token: f.aliceToken).decode([TestNotification].self)
                ids.append(try #require(all.first?.id))
            }
            let first = try await f.hub.send("GET", "/api/v1/notifications?limit=2", token: f.aliceToken)
            #expect(try first.decode([TestNotification].self).map(\.id) == [ids[4], ids[3]])
            #expect(try first.decode([TestNotification].self).allSatisfy { $0.type == "mention" && $0.account.username == "releases" })
            let next = try #require(first.link("next"))
            #expect(next == "\(f.hub.baseURL)/api/v1/notifications?limit=2&max_id=\(ids[3])")
            #expect(first.link("prev") == "\(f.hub.baseURL)/api/v1/notifications?limit=2&min_id=\(ids[4])")
            let auth = HTTPHeaders([("Authorization", "Bearer \(f.aliceToken)")])
            let second = try await f.hub.client.send(HTTPRequest(url: next, headers: auth))
            #expect(try second.decode([TestNotification].self).map(\.id) == [ids[2], ids[1]])
            let forward = try await f.hub.send("GET", "/api/v1/notifications?limit=2&min_id=\(ids[0])", token: f.aliceToken)
            #expect(try forward.decode([TestNotification].self).map(\.id) == [ids[2], ids[1]])
            let since = try await f.hub.send("GET", "/api/v1/notifications?limit=2&since_id=\(ids[0])", token: f.aliceToken)
            #expect(try since.decode([TestNotification].self).map(\.id) == [ids[4], ids[3]])
            let one = try await f.hub.send("GET", "/api/v1/notifications/\(ids[2])", token: f.aliceToken)
            #expect(try one.decode(TestNotification.self).id == ids[2])
            #expect(try await f.hub.send("GET", "/api/v1/notifications/\(ids[2])", token: f.groupToken).status == 404)
            // A self-mention notifies nobody.
            _ = try await f.hub.post("note to @alice", token: f.aliceToken)
            #expect(try await f.hub.send("GET", "/api/v1/notifications", token: f.aliceToken).decode([TestNotification].self).count == 5)
        }
    }
}
