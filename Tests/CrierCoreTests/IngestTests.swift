import CrierCore
import Foundation
import Testing

/// Ingest against a real (in-memory) state database: baseline, backfill, dedupe, updates, tombstones.
@Suite struct IngestTests {
    let store: StateStore
    let route = RoutePlan(id: "r", targets: [.init(sinkId: "hub", groupId: "news")], updates: .edit, filters: [])

    init() throws { store = try StateStore() }

    func item(_ key: String, text: String = "text", link: String? = nil) -> Item {
        Item(key: key, fingerprint: ContentHash.hex(text), title: "title \(key)", summary: text, link: link)
    }

    @discardableResult
    func poll(_ items: [Item], backfill: Int = 0, routes: [RoutePlan]? = nil, complete: Bool = true) throws -> IngestOutcome {
        try store.commitPoll(CommittedPoll(
            sourceId: "feed", result: PollResult(items: items, isCompleteWindow: complete), routes: routes ?? [route],
            backfill: backfill, nextPollAt: Date(), now: Date()))
    }

    func pending() throws -> [OutboxRecord] { try store.outboxRows(state: .pending, limit: 1000) }

    @Test func firstPollRecordsABaselineAndPostsNothing() throws {
        let outcome = try poll([item("a"), item("b")])
        #expect(outcome.wasBaseline)
        #expect(outcome.decisions.map(\.outcome) == [.baseline, .baseline])
        #expect(try pending().isEmpty)
        #expect(try store.sourceState("feed")?.baselineAt != nil)
        // The baseline is persisted: the next poll posts only what is new.
        try poll([item("a"), item("b"), item("c")])
        #expect(try pending().map(\.itemKey) == ["c"])
    }

    @Test func backfillPostsTheNewestItemsOnly() throws {
        try poll([item("old"), item("mid"), item("new")], backfill: 2)
        #expect(try pending().map(\.itemKey) == ["mid", "new"])
    }

    @Test func aRepeatedPollQueuesNothingTwice() throws {
        try poll([])
        try poll([item("a")])
        try poll([item("a")])
        #expect(try pending().count == 1)
    }

    @Test func aChangedTextBecomesAnEditOfTheFirstPost() throws {
        try poll([])
        try poll([item("a", text: "v1")])
        let outcome = try poll([item("a", text: "v2")])
        let rows = try pending()
        #expect(rows.map(\.action) == [.post, .edit])
        #expect(rows.map(\.revision) == [0, 1])
        #expect(Set(rows.map(\.idempotencyKey)).count == 2)
        #expect(outcome.updatedItems == 1)
    }

    @Test(arguments: [(UpdatePolicy.reply, OutboxAction?.some(.reply)), (.post, .post), (.ignore, nil)])
    func updatePolicies(policy: UpdatePolicy, expected: OutboxAction?) throws {
        let route = RoutePlan(id: "r", targets: [.init(sinkId: "hub", groupId: "news")], updates: policy, filters: [])
        try poll([], routes: [route])
        try poll([item("a", text: "v1")], routes: [route])
        try poll([item("a", text: "v2")], routes: [route])
        #expect(try pending().dropFirst().first?.action == expected)
    }

    @Test func anItemThatLeftTheFeedNeverComesBackAsNew() throws {
        try poll([])
        try poll([item("a"), item("b")])
        let departed = try poll([item("b")])
        #expect(departed.departedItems == 1)
        #expect(try store.itemCounts(sourceId: "feed").departed == 1)
        try poll([item("a"), item("b")])
        #expect(try pending().count == 2)
    }

    @Test func anAliasRecognizesAnItemWhoseKeyChangedForm() throws {
        try poll([])
        try poll([item("guid-1", link: "https://x/1")])
        var renamed = item("guid-1|https://x/1", link: "https://x/1")
        renamed.aliases = ["guid-1"]
        var other = item("guid-1|https://x/2", link: "https://x/2")
        other.aliases = ["guid-1"]
        try poll([renamed, other])
        // The renamed item is the stored one; only the genuinely new item is queued.
        #expect(try pending().map(\.itemKey) == ["guid-1", "guid-1|https://x/2"])
    }

    @Test func filtersDecideAndSayWhy() throws {
        let filter = try CompiledFilter(RouteFilter(field: "title", match: .contains("outage")))
        let route = RoutePlan(id: "ops", targets: [.init(sinkId: "hub", groupId: "ops")], updates: .edit, filters: [filter])
        try poll([], routes: [route])
        var outage = item("1")
        outage.title = "Major OUTAGE in EU"
        let outcome = try poll([outage, item("2")], routes: [route])
        #expect(try pending().map(\.itemKey) == ["1"])
        guard case .filtered(let reasons) = outcome.decisions[1].outcome else { Issue.record("not filtered"); return }
        #expect(reasons == ["route ops: filter title contains \"outage\" did not match"])
    }

    @Test func categoryAndRegexFilters() throws {
        var tagged = item("1")
        tagged.categories = ["Ops", "eu"]
        #expect(try CompiledFilter(RouteFilter(field: "categories", match: .anyCategory(["ops"]))).matches(tagged))
        #expect(try !CompiledFilter(RouteFilter(field: "categories", match: .anyCategory(["hr"]))).matches(tagged))
        #expect(try CompiledFilter(RouteFilter(field: "title", match: .regex("^title [0-9]$"))).matches(tagged))
        #expect(try !CompiledFilter(RouteFilter(field: "title", match: .equals("title 1"), negate: true)).matches(tagged))
    }

    @Test func previewRollsBack() throws {
        try poll([])
        let outcome = try store.previewPoll(CommittedPoll(
            sourceId: "feed", result: PollResult(items: [item("a")]), routes: [route], backfill: 0, nextPollAt: Date(), now: Date()))
        #expect(outcome.queuedRows == 1)
        #expect(try pending().isEmpty)
        #expect(try !store.hasSeen(sourceId: "feed", key: "a"))
    }

    @Test func idempotencyKeysAreDerivedNotRandom() {
        let a = IdempotencyKey.derive(route: "r", sink: "s", group: "g", source: "f", itemKey: "k", revision: 0)
        #expect(a == IdempotencyKey.derive(route: "r", sink: "s", group: "g", source: "f", itemKey: "k", revision: 0))
        #expect(a != IdempotencyKey.derive(route: "r", sink: "s", group: "g", source: "f", itemKey: "k", revision: 1))
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        #expect(IdempotencyKey.derive(route: "ab", sink: "c", group: "g", source: "f", itemKey: "k", revision: 0)
            != IdempotencyKey.derive(route: "a", sink: "bc", group: "g", source: "f", itemKey: "k", revision: 0))
    }
}
