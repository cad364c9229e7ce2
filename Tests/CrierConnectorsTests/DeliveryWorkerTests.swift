import CrierCore
import CrierTestSupport
import Foundation
import Logging
import Testing

/// The delivery worker with a real state database on disk and a real sink (the embedded hub, or a
/// loopback server that fails like Mastodon): rows go out in order, transient failures are retried
/// without reordering, permanent ones become dead letters and the queue moves on, a crash between
/// the sink's confirmation and `markSent` does not duplicate the post, and updates edit or reply
/// under the thread's root post.
@Suite struct DeliveryWorkerTests {
    /// A state database in a temporary file, fed by committed polls of source `feed`.
    struct Outbox {
        let store: StateStore
        let directory: String
        let route: RoutePlan

        init(sinkId: String = "hub", groupId: String = "news", updates: UpdatePolicy = .edit) throws {
            directory = try temporaryDirectory("state")
            store = try StateStore(path: directory + "/state.sqlite")
            route = RoutePlan(id: "r", targets: [.init(sinkId: sinkId, groupId: groupId)], updates: updates, filters: [])
            try commit([])  // the baseline: what a source offers on its first poll is not posted
        }

        /// Commits one poll whose window holds `items`, queueing rows as ingest decides.
        @discardableResult
        func commit(_ items: [Item]) throws -> IngestOutcome {
            try store.commitPoll(CommittedPoll(
                sourceId: "feed", result: PollResult(items: items), routes: [route], backfill: 0, nextPollAt: Date(), now: Date()))
        }

        func rows(_ state: OutboxState) throws -> [OutboxRecord] { try store.outboxRows(state: state, limit: 1000) }

        /// Waits until no row is pending.
        func drained(timeout: Duration = .seconds(10)) async throws -> Bool {
            try await eventually(timeout: timeout) { try rows(.pending).isEmpty }
        }

        /// Waits until no row is pending, and records an issue if some still are.
        func expectDrained(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let drained = try await drained()
            let pending = try rows(.pending).map(\.itemKey)
            #expect(drained, "rows still pending: \(pending)", sourceLocation: sourceLocation)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func item(_ title: String, summary: String = "", key: String? = nil, thread: String? = nil) -> Item {
        Item(key: key ?? title, threadKey: thread, fingerprint: ContentHash.hex(title + "\u{1F}" + summary), title: title, summary: summary)
    }

    static let renderer: PostRenderer = {
        do { return try PostRenderer(template: DefaultTemplates.item) } catch { fatalError("\(error)") }
    }()

    static func worker(_ outbox: Outbox, sink: any Sink, sinkId: String = "hub", groupId: String = "news") -> DeliveryWorker {
        DeliveryWorker(
            sinkId: sinkId, groupId: groupId, sink: sink, store: outbox.store, renderers: ["r": renderer], fallback: renderer,
            logger: quietLogger, maxRetryDelay: .milliseconds(50))
    }

    /// Runs the worker's loop while `body` runs, then cancels it and waits for it to end.
    static func running<T>(_ worker: DeliveryWorker, _ body: () async throws -> T) async throws -> T {
        let task = Task { await worker.run() }
        do {
            let result = try await body()
            task.cancel()
            await task.value
            return result
        } catch {
            task.cancel()
            await task.value
            throw error
        }
    }

    @Test func rowsAreDeliveredInOrder() async throws {
        let outbox = try Outbox()
        defer { outbox.remove() }
        try await TestHub.with { hub in
            let worker = Self.worker(outbox, sink: try SinkHarness.hubSink(hub))
            try outbox.commit(["A", "B", "C", "D", "E"].map { Self.item($0) })
            try await Self.running(worker) {
                try await outbox.expectDrained()
                // A later poll wakes the idle worker through its doorbell.
                try outbox.commit(["A", "B", "C", "D", "E", "F"].map { Self.item($0) })
                worker.doorbell.ring()
                try await outbox.expectDrained()
            }
            let statuses = try await hub.statuses()
            #expect(statuses.map(\.text) == ["A", "B", "C", "D", "E", "F"])
            #expect(try outbox.store.posts().map(\.remotePostId) == statuses.map(\.id))
            #expect(try outbox.rows(.sent).map(\.itemKey) == ["A", "B", "C", "D", "E", "F"])
            #expect(try outbox.rows(.sent).allSatisfy { $0.attempts == 1 })
        }
    }

    @Test func transientFailuresAreRetriedAndKeepTheOrder() async throws {
        let outbox = try Outbox(sinkId: "masto")
        defer { outbox.remove() }
        try await RoutedServer.with { server in
            server.set("/api/v2/instance", .json(#"{"configuration":{"statuses":{"max_characters":500,"characters_reserved_per_url":23}}}"#))
            server.set("/api/v1/statuses") { _, count in
                count < 3
                    ? .json(#"{"error":"Service Unavailable"}"#, status: 503)
                    : .json(#"{"id":"\#(100 + count)","url":"https://social.example/@news/\#(100 + count)"}"#)
            }
            let worker = Self.worker(outbox, sink: try SinkHarness.mastodonSink(server.baseURL), sinkId: "masto")
            try outbox.commit(["A", "B", "C"].map { Self.item($0) })
            try await Self.running(worker) { try await outbox.expectDrained() }

            let posts = server.requests.filter { $0.path == "/api/v1/statuses" }
            #expect(posts.map { formValue($0.body, "status") } == ["A", "A", "A", "A", "B", "C"])
            // Every attempt of a row presents the same key, so a server that did accept one keeps one post.
            #expect(Set(posts.prefix(4).map { $0.headers["idempotency-key"] }).count == 1)
            let sent = try outbox.rows(.sent)
            #expect(sent.map(\.itemKey) == ["A", "B", "C"])
            #expect(sent.map(\.attempts) == [4, 1, 1])
            #expect(sent.map(\.remotePostId) == ["103", "104", "105"])
            #expect(sent.allSatisfy { $0.lastError == nil })
        }
    }

    @Test func aRateLimitedRowWaitsForRetryAfter() async throws {
        let outbox = try Outbox(sinkId: "masto")
        defer { outbox.remove() }
        try await RoutedServer.with { server in
            server.set("/api/v2/instance", .json(#"{"configuration":{"statuses":{"max_characters":500}}}"#))
            server.set("/api/v1/statuses", .json(#"{"error":"Too many requests"}"#, status: 429, headers: [("Retry-After", "30")]))
            let worker = Self.worker(outbox, sink: try SinkHarness.mastodonSink(server.baseURL), sinkId: "masto")
            try outbox.commit([Self.item("A"), Self.item("B")])
            let started = Date()
            try await Self.running(worker) {
                #expect(try await eventually { try outbox.rows(.pending).first?.attempts == 1 })
                // Long past the worker's own 50 ms cap: only the server's Retry-After holds the row back.
                try await Task.sleep(for: .milliseconds(300))
            }
            let head = try #require(try outbox.rows(.pending).first)
            #expect(head.itemKey == "A")
            #expect(head.attempts == 1)
            #expect(head.nextAttemptAt.timeIntervalSince(started) >= 29)
            #expect(head.lastError?.contains("429") == true)
            #expect(server.requests.filter { $0.path == "/api/v1/statuses" }.count == 1, "B waits behind A")
        }
    }

    /// Mastodon before 4.0 (and several forks) has no `/api/v2/instance`; the instance's limits are
    /// a nicety, so their absence must not turn every post into a dead letter.
    @Test func aServerWithoutTheV2InstanceAPIStillGetsThePosts() async throws {
        let outbox = try Outbox(sinkId: "masto")
        defer { outbox.remove() }
        try await RoutedServer.with { server in
            server.set("/api/v2/instance", .json(#"{"error":"Record not found"}"#, status: 404))
            server.set("/api/v1/instance", .json(#"{"uri":"social.example","max_toot_chars":500}"#))
            server.set("/api/v1/statuses") { _, count in .json(#"{"id":"\#(200 + count)"}"#) }
            let worker = Self.worker(outbox, sink: try SinkHarness.mastodonSink(server.baseURL), sinkId: "masto")
            try outbox.commit([Self.item("A")])
            try await Self.running(worker) { try await outbox.expectDrained() }
            #expect(try outbox.rows(.dead).compactMap(\.lastError) == [], "the post itself was never tried")
            #expect(try outbox.rows(.sent).map(\.remotePostId) == ["200"])
        }
    }

    @Test func aPermanentFailureBecomesADeadLetterAndTheQueueMovesOn() async throws {
        let outbox = try Outbox()
        defer { outbox.remove() }
        try await TestHub.with { hub in
            let worker = Self.worker(outbox, sink: try SinkHarness.hubSink(hub))
            // An entry with neither title, text nor link renders to an empty post, which the hub refuses (422).
            try outbox.commit([Self.item("", key: "blank"), Self.item("After the blank one")])
            try await Self.running(worker) { try await outbox.expectDrained() }

            let dead = try outbox.rows(.dead)
            #expect(dead.map(\.itemKey) == ["blank"])
            #expect(dead.first?.lastError?.contains("Text can't be blank") == true)
            #expect(dead.first?.attempts == 1)
            #expect(try outbox.rows(.sent).map(\.itemKey) == ["After the blank one"])
            #expect(try await hub.statuses().map(\.text) == ["After the blank one"])
        }
    }

    @Test func aCrashBeforeMarkSentDoesNotDuplicateThePost() async throws {
        let outbox = try Outbox()
        defer { outbox.remove() }
        try await TestHub.with { hub in
            try outbox.commit([Self.item("Exactly once", summary: "even across a crash")])
            let row = try #require(try outbox.rows(.pending).first)

            // The worker of a previous process published the row, and died before `markSent`.
            let sink = try SinkHarness.hubSink(hub)
            let text = Self.renderer.render(try row.item(), sourceId: row.sourceId, limits: try await sink.limits(group: hub.group))
            let earlier = try await sink.publish(OutgoingPost(group: hub.group, text: text, idempotencyKey: row.idempotencyKey))

            // The restarted worker finds the row still pending and delivers it again.
            let worker = Self.worker(outbox, sink: try SinkHarness.hubSink(hub))
            try await Self.running(worker) { try await outbox.expectDrained() }

            #expect(try await hub.statuses().map(\.id) == [earlier.remoteId])
            #expect(try outbox.rows(.sent).map(\.remotePostId) == [earlier.remoteId])
            #expect(try outbox.store.posts().map(\.remotePostId) == [earlier.remoteId])
        }
    }

    @Test func anEditRowEditsTheRootPost() async throws {
        let outbox = try Outbox(updates: .edit)
        defer { outbox.remove() }
        try await TestHub.with { hub in
            let worker = Self.worker(outbox, sink: try SinkHarness.hubSink(hub))
            try await Self.running(worker) {
                try outbox.commit([Self.item("Maintenance", summary: "on Friday")])
                worker.doorbell.ring()
                try await outbox.expectDrained()
                try outbox.commit([Self.item("Maintenance", summary: "moved to Monday")])
                worker.doorbell.ring()
                try await outbox.expectDrained()
            }
            let statuses = try await hub.statuses()
            #expect(statuses.count == 1)
            #expect(statuses.first?.text == "Maintenance\n\nmoved to Monday")
            #expect(statuses.first?.editedAt != nil)
            let sent = try outbox.rows(.sent)
            #expect(sent.map(\.action) == [.post, .edit])
            #expect(sent.map(\.remotePostId) == [statuses.first?.id, statuses.first?.id])
            #expect(try outbox.store.posts().map(\.isThreadRoot) == [true, false])
        }
    }

    @Test func replyRowsReplyUnderTheRoot() async throws {
        let outbox = try Outbox(updates: .reply)
        defer { outbox.remove() }
        try await TestHub.with { hub in
            let worker = Self.worker(outbox, sink: try SinkHarness.hubSink(hub))
            try outbox.commit([
                Self.item("Investigating: mail is down", key: "inc-7/1", thread: "inc-7"),
                Self.item("Identified: a full disk", key: "inc-7/2", thread: "inc-7"),
            ])
            try await Self.running(worker) {
                try await outbox.expectDrained()
                // A later update of the same incident, after the root went out.
                try outbox.commit([
                    Self.item("Investigating: mail is down", key: "inc-7/1", thread: "inc-7"),
                    Self.item("Identified: a full disk", key: "inc-7/2", thread: "inc-7"),
                    Self.item("Resolved", key: "inc-7/3", thread: "inc-7"),
                ])
                worker.doorbell.ring()
                try await outbox.expectDrained()
            }
            let statuses = try await hub.statuses()
            #expect(statuses.map(\.text) == ["Investigating: mail is down", "Identified: a full disk", "Resolved"])
            let root = try #require(statuses.first)
            #expect(statuses.map(\.inReplyToId) == [nil, root.id, root.id])
            #expect(try outbox.rows(.sent).map(\.action) == [.post, .reply, .reply])
        }
    }
}
