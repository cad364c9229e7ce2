import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Idempotency-Key")
struct IdempotencyTests {
    @Test("A repeated key returns the original status and creates nothing")
    func repeatedKey() async throws {
        try await HubFixture.with { f in
            let first = try await f.hub.post("hello", token: f.groupToken, idempotencyKey: "k1")
            let again = try await f.hub.post("hello, changed", token: f.groupToken, idempotencyKey: "k1")
            #expect(again == first)
            #expect(again.text == "hello")
            // The key is per account: alice may use it too.
            let alices = try await f.hub.post("hello", token: f.aliceToken, idempotencyKey: "k1")
            #expect(alices.id != first.id)
            let statuses = try await f.hub.send("GET", "/api/v1/accounts/\(f.group.id)/statuses").decode([TestStatus].self)
            #expect(statuses.map(\.id) == [first.id])
        }
    }

    @Test("Ten concurrent identical requests create one status")
    func concurrentRequests() async throws {
        try await HubFixture.with { f in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await f.hub.post("once", token: f.groupToken, idempotencyKey: "race").id }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            let statuses = try await f.hub.send("GET", "/api/v1/accounts/\(f.group.id)/statuses").decode([TestStatus].self)
            #expect(statuses.count == 1)
            let account = try await f.hub.send("GET", "/api/v1/accounts/\(f.group.id)").decode(TestAccount.self)
            #expect(account.statusesCount == 1)
        }
    }

    @Test("Keys survive a restart of the store and the server on the same database")
    func survivesRestart() async throws {
        let first = try await RunningHub.start()
        let fixture = try HubFixture.make(first)
        let original = try await first.post("durable", token: fixture.groupToken, idempotencyKey: "restart-key")
        await first.stop()

        let second = try await RunningHub.start(directory: first.directory)
        do {
            // The same label yields the same token after a restart.
            let token = try second.store.token(for: fixture.group.id, label: "crier")
            #expect(token == fixture.groupToken)
            let replayed = try await second.post("durable", token: token, idempotencyKey: "restart-key")
            #expect(replayed.id == original.id)
            let statuses = try await second.send("GET", "/api/v1/accounts/\(fixture.group.id)/statuses")
                .decode([TestStatus].self)
            #expect(statuses.count == 1)
        } catch {
            await second.stopAndRemove()
            throw error
        }
        await second.stopAndRemove()
    }
}

@Suite("Notifications")
struct NotificationTests {
    @Test("A reply to a group's post notifies the group exactly once")
    func replyNotifiesGroup() async throws {
        try await HubFixture.with { f in
            let post = try await f.hub.post("Release 3.0", token: f.groupToken)
            let reply = try await f.hub.post("Great!", token: f.aliceToken, inReplyTo: post.id)
            // The group answering in its own thread, and a reply to alice's reply, notify nobody.
            _ = try await f.hub.post("Thanks", token: f.groupToken, inReplyTo: reply.id)
            _ = try await f.hub.post("Bump", token: f.aliceToken, inReplyTo: reply.id)

            let response = try await f.hub.send("GET", "/api/v1/notifications", token: f.groupToken)
            #expect(response.status == 200)
            let notifications = try response.decode([TestNotification].self)
            #expect(notifications.count == 1)
            let notification = try #require(notifications.first)
            #expect(notification.type == "mention")
            #expect(notification.account.username == "alice")
            #expect(notification.status?.id == reply.id)
            #expect(notification.status?.inReplyToId == post.id)
            #expect(response.link("prev")?.contains("min_id=\(notification.id)") == true)

            // Cursoring forward from the newest notification finds nothing new.
            let newer = try await f.hub.send("GET", "/api/v1/notifications?min_id=\(notification.id)", token: f.groupToken)
            #expect(try newer.decode([TestNotification].self).isEmpty)
            let filtered = try await f.hub.send("GET", "/api/v1/notifications?types[]=follow", token: f.groupToken)
            #expect(try filtered.decode([TestNotification].self).isEmpty)
            let mine = try await f.hub.send("GET", "/api/v1/notifications", token: f.aliceToken)
            #expect(try mine.decode([TestNotification].self).isEmpty)
        }
    }
}
