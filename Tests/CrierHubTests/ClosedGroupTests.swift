import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Closed groups")
struct ClosedGroupTests {
    @Test("A non-member gets 404 for a closed group's pages, thread, feeds, search hits and API timeline")
    func nonMembersSeeNothing() async throws {
        try await HubFixture.with { f in
            let secret = try f.hub.store.ensureGroup(username: "secret", displayName: "Secret", note: "members only")
            try f.hub.store.setGroupClosed("secret", closed: true)
            try f.hub.store.setUser(username: "alice", password: "alice password")
            try f.hub.store.setUser(username: "bob", password: "bob password")
            try f.hub.store.addMember(group: "secret", user: "alice")
            let bobAccount = try #require(try f.hub.store.account(username: "bob"))
            let bobToken = try f.hub.store.token(for: bobAccount.id, label: "t")
            let secretToken = try f.hub.store.token(for: secret.id, label: "crier")
            let post = try await f.hub.post("classified plans", token: secretToken)
            let reply = try await f.hub.post("classified reply", token: f.aliceToken, inReplyTo: post.id)

            let anonymous = Browser(f.hub)
            let bob = Browser(f.hub)
            #expect(try await bob.logIn("bob", "bob password").status == 303)
            let alice = Browser(f.hub)
            #expect(try await alice.logIn("alice", "alice password").status == 303)
            let pages = [
                "/@secret", "/@secret/\(post.id)", "/@alice/\(reply.id)", "/@secret.atom", "/@secret/feed.atom",
                "/events?group=secret", "/events?thread=\(post.id)",
            ]
            for browser in [anonymous, bob] {
                for path in pages {
                    #expect(try await browser.get(path).status == 404, "\(path)")
                }
                #expect(!(try await browser.get("/").body.contains("@secret")))
                for path in ["/search?q=classified", "/search?group=secret", "/search?q=classified&author=alice"] {
                    let search = try await browser.get(path)
                    #expect(search.status == 200 && !search.body.contains("classified plans") && !search.body.contains("classified reply"))
                }
            }
            let csrf = try await bob.get("/").csrf ?? ""
            #expect(try await bob.post("/@secret", [("csrf", csrf), ("status", "let me in")]).status == 404)
            #expect(try await bob.post("/@secret/\(post.id)", [("csrf", csrf), ("status", "let me in")]).status == 404)

            for token in [nil, bobToken] {
                #expect(try await f.hub.send("GET", "/api/v1/accounts/\(secret.id)/statuses", token: token).status == 404)
                #expect(try await f.hub.send("GET", "/api/v1/statuses/\(post.id)", token: token).status == 404)
            }

            // Members, and the group itself (the relay), see everything.
            for path in ["/@secret", "/@secret/\(post.id)", "/@secret.atom"] {
                #expect(try await alice.get(path).status == 200, "\(path)")
            }
            #expect(try await alice.get("/@secret/\(post.id)").body.contains("classified reply"))
            #expect(try await alice.get("/search?q=classified").body.contains("classified plans"))
            let api = try await f.hub.send("GET", "/api/v1/accounts/\(secret.id)/statuses", token: f.aliceToken)
            #expect(try api.decode([TestStatus].self).map(\.id) == [post.id])
            let context = try await f.hub.send("GET", "/api/v1/statuses/\(post.id)/context", token: secretToken)
            #expect(context.text.contains("classified reply"))

            // Removing alice closes the door for her too.
            try f.hub.store.removeMember(group: "secret", user: "alice")
            #expect(try await alice.get("/@secret").status == 404)
            #expect(try f.hub.store.members(of: "secret").isEmpty)
        }
    }
}
