import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The Mastodon sink against the real embedded hub over loopback: a publish returns the hub's
/// status id, the idempotency key makes a repeated publish return the same status instead of a
/// second one, replies thread under their parent, edits change the text, limits come from
/// `/api/v2/instance`, and a group without a token is a permanent error.
@Suite struct MastodonSinkHubTests {
    @Test func publishReturnsTheRemoteIdOfTheNewStatus() async throws {
        try await TestHub.with { hub in
            let sink = try SinkHarness.hubSink(hub)
            let published = try await sink.publish(OutgoingPost(group: hub.group, text: "Release 1.0 is out", idempotencyKey: "k-1"))
            let statuses = try await hub.statuses()
            #expect(statuses.map(\.id) == [published.remoteId])
            #expect(statuses.map(\.text) == ["Release 1.0 is out"])
            #expect(published.url?.hasSuffix(published.remoteId) == true)
        }
    }

    @Test func theSameIdempotencyKeyTwiceMakesOneStatus() async throws {
        try await TestHub.with { hub in
            let sink = try SinkHarness.hubSink(hub)
            let post = OutgoingPost(group: hub.group, text: "Only once", idempotencyKey: "crier-retry-1")
            let first = try await sink.publish(post)
            // A retry after a crash, even through a new sink instance, returns the first status.
            let second = try await SinkHarness.hubSink(hub).publish(post)
            #expect(second.remoteId == first.remoteId)
            #expect(try await hub.statuses().map(\.id) == [first.remoteId])

            let other = try await sink.publish(OutgoingPost(group: hub.group, text: "Only once", idempotencyKey: "crier-retry-2"))
            #expect(other.remoteId != first.remoteId)
            #expect(try await hub.statuses().count == 2)
        }
    }

    @Test func aReplyThreadsUnderItsParent() async throws {
        try await TestHub.with { hub in
            let sink = try SinkHarness.hubSink(hub)
            let root = try await sink.publish(OutgoingPost(group: hub.group, text: "Incident: mail is down", idempotencyKey: "root"))
            let reply = try await sink.publish(OutgoingPost(group: hub.group, text: "Update: mail is back", inReplyTo: root.remoteId, idempotencyKey: "reply"))
            let statuses = try await hub.statuses()
            #expect(statuses.map(\.id) == [root.remoteId, reply.remoteId])
            #expect(statuses.map(\.inReplyToId) == [nil, root.remoteId])
        }
    }

    @Test func editReplacesTheTextOfThePost() async throws {
        try await TestHub.with { hub in
            let sink = try SinkHarness.hubSink(hub)
            let post = OutgoingPost(group: hub.group, text: "Maintenance on Friday", idempotencyKey: "m-0")
            let original = try await sink.publish(post)
            let edited = try await sink.edit(remoteId: original.remoteId, post: OutgoingPost(group: hub.group, text: "Maintenance moved to Monday", idempotencyKey: "m-1"))
            #expect(edited.remoteId == original.remoteId)
            let status = try await hub.status(original.remoteId)
            #expect(status.text == "Maintenance moved to Monday")
            #expect(status.editedAt != nil)
            #expect(try await hub.statuses().count == 1)
        }
    }

    @Test func limitsComeFromTheInstance() async throws {
        try await TestHub.with(maxCharacters: 321) { hub in
            let limits = try await SinkHarness.hubSink(hub).limits(group: hub.group)
            #expect(limits == PostLimits(maxCharacters: 321, charactersPerURL: 23))
            // `max_characters` in the sink's config wins over what the instance says.
            let overridden = try await SinkHarness.hubSink(hub, maxCharacters: 200).limits(group: hub.group)
            #expect(overridden.maxCharacters == 200)
        }
    }

    @Test func aGroupWithoutATokenIsAPermanentError() async throws {
        try await TestHub.with { hub in
            let sink = try SinkHarness.hubSink(hub)
            let publishError = try await #require(throws: SinkError.self) {
                try await sink.publish(OutgoingPost(group: "elsewhere", text: "lost", idempotencyKey: "x"))
            }
            #expect(publishError.kind == .permanent)
            #expect(publishError.message.contains("elsewhere"))
            let editError = try await #require(throws: SinkError.self) {
                try await sink.edit(remoteId: "1", post: OutgoingPost(group: "elsewhere", text: "lost", idempotencyKey: "x"))
            }
            #expect(editError.kind == .permanent)
            #expect(try await hub.statuses().isEmpty)
        }
    }

    @Test func aHubSinkNeedsTheHubRunningInProcess() throws {
        #expect(throws: ConfigError.self) {
            try Catalog().makeSink(
                SinkConfig(id: "hub", type: "hub"), groups: [],
                context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory(), hub: nil))
        }
    }
}
