import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Timelines, accounts and instance")
struct TimelineAPITests {
    @Test("Account statuses paginate newest first with Link, max_id, min_id and since_id")
    func pagination() async throws {
        try await HubFixture.with { f in
            var ids: [String] = []
            for n in 1...5 { ids.append(try await f.hub.post("post \(n)", token: f.groupToken).id) }
            let path = "/api/v1/accounts/\(f.group.id)/statuses"

            let first = try await f.hub.send("GET", path + "?limit=2")
            #expect(try first.decode([TestStatus].self).map(\.id) == [ids[4], ids[3]])
            let next = try #require(first.link("next"))
            #expect(next == "\(f.hub.baseURL)\(path)?limit=2&max_id=\(ids[3])")
            #expect(first.link("prev") == "\(f.hub.baseURL)\(path)?limit=2&min_id=\(ids[4])")

            let second = try await f.hub.client.send(HTTPRequest(url: next))
            #expect(try second.decode([TestStatus].self).map(\.id) == [ids[2], ids[1]])
            let third = try await f.hub.client.send(HTTPRequest(url: try #require(second.link("next"))))
            #expect(try third.decode([TestStatus].self).map(\.id) == [ids[0]])
            let end = try await f.hub.client.send(HTTPRequest(url: try #require(third.link("next"))))
            #expect(try end.decode([TestStatus].self).isEmpty)
            #expect(end.headers["Link"] == nil)

            // min_id: the statuses immediately newer, still newest first; since_id: the newest.
            let forward = try await f.hub.send("GET", path + "?limit=2&min_id=\(ids[0])")
            #expect(try forward.decode([TestStatus].self).map(\.id) == [ids[2], ids[1]])
            let since = try await f.hub.send("GET", path + "?limit=2&since_id=\(ids[0])")
            #expect(try since.decode([TestStatus].self).map(\.id) == [ids[4], ids[3]])
            let newest = try await f.hub.client.send(HTTPRequest(url: try #require(first.link("prev"))))
            #expect(try newest.decode([TestStatus].self).isEmpty)
        }
    }

    @Test("exclude_replies and the public timeline")
    func excludeRepliesAndPublic() async throws {
        try await HubFixture.with { f in
            let post = try await f.hub.post("top", token: f.groupToken)
            let reply = try await f.hub.post("reply", token: f.groupToken, inReplyTo: post.id)
            let path = "/api/v1/accounts/\(f.group.id)/statuses"
            let all = try await f.hub.send("GET", path).decode([TestStatus].self)
            #expect(all.map(\.id) == [reply.id, post.id])
            let topLevel = try await f.hub.send("GET", path + "?exclude_replies=true").decode([TestStatus].self)
            #expect(topLevel.map(\.id) == [post.id])
            let timeline = try await f.hub.send("GET", "/api/v1/timelines/public?limit=1")
            #expect(try timeline.decode([TestStatus].self).map(\.id) == [reply.id])
            #expect(timeline.link("next")?.hasSuffix("/api/v1/timelines/public?limit=1&max_id=\(reply.id)") == true)
        }
    }

    @Test("Accounts by id, by lookup and by token")
    func accounts() async throws {
        try await HubFixture.with { f in
            let byId = try await f.hub.send("GET", "/api/v1/accounts/\(f.group.id)").decode(TestAccount.self)
            #expect(byId.username == "releases" && byId.group && byId.displayName == "Releases")
            let lookup = try await f.hub.send("GET", "/api/v1/accounts/lookup?acct=releases").decode(TestAccount.self)
            #expect(lookup == byId)
            let me = try await f.hub.send("GET", "/api/v1/accounts/verify_credentials", token: f.aliceToken)
            #expect(try me.decode(TestAccount.self).username == "alice")
            #expect(try await f.hub.send("GET", "/api/v1/accounts/verify_credentials").status == 401)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/lookup?acct=nobody").status == 404)
            let unknownRoute = try await f.hub.send("GET", "/api/v1/nothing-here")
            #expect(unknownRoute.status == 404)
            #expect(unknownRoute.text == #"{"error":"Record not found"}"#)
        }
    }

    @Test("The instance reports the character limit")
    func instance() async throws {
        try await HubFixture.with(maxCharacters: 1234) { f in
            struct V2: Decodable {
                struct Configuration: Decodable {
                    struct Statuses: Decodable { var maxCharacters: Int; var charactersReservedPerUrl: Int }
                    var statuses: Statuses
                }
                var title: String
                var version: String
                var configuration: Configuration
            }
            let v2 = try await f.hub.send("GET", "/api/v2/instance").decode(V2.self)
            #expect(v2.configuration.statuses.maxCharacters == 1234)
            #expect(v2.configuration.statuses.charactersReservedPerUrl == 23)
            #expect(v2.version.hasPrefix("4.3.0"))
            #expect(v2.title == "Test <Hub>")
            struct V1: Decodable { var maxTootChars: Int; var uri: String }
            let v1 = try await f.hub.send("GET", "/api/v1/instance").decode(V1.self)
            #expect(v1.maxTootChars == 1234)
            #expect(f.hub.baseURL.hasSuffix(v1.uri))
            #expect(try await f.hub.send("GET", "/healthz").text == "ok")
        }
    }
}
