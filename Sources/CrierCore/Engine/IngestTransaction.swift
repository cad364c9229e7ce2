public import Foundation
import GRDB

/// Everything one successful poll hands to the store, committed in one transaction.
public struct CommittedPoll: Sendable {
    public var sourceId: String
    public var result: PollResult
    public var routes: [RoutePlan]
    /// How many of the newest items the first poll posts.
    public var backfill: Int
    public var nextPollAt: Date
    public var now: Date

    public init(sourceId: String, result: PollResult, routes: [RoutePlan], backfill: Int, nextPollAt: Date, now: Date) {
        self.sourceId = sourceId
        self.result = result
        self.routes = routes
        self.backfill = backfill
        self.nextPollAt = nextPollAt
        self.now = now
    }
}

/// What happened to one item of a poll; `crier preview` prints these.
public struct IngestDecision: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Queued as a new post or an update into these targets.
        case queued(action: OutboxAction, targets: [RoutePlan.Target])
        /// First poll of the source: recorded as the baseline, not posted.
        case baseline
        /// Already seen with the same content.
        case unchanged
        /// Changed, but the route's update policy is `ignore`.
        case updateIgnored
        /// Every route's filters rejected it (reasons given).
        case filtered([String])
        /// No route takes items from this source.
        case unrouted
        /// What Crier itself wrote into the source (a relayed reply): never posted back.
        case echo
    }
    public var itemKey: String
    public var title: String
    public var revision: Int
    public var outcome: Outcome
}

/// The result of committing one poll.
public struct IngestOutcome: Sendable {
    public var decisions: [IngestDecision] = []
    public var newItems = 0
    public var updatedItems = 0
    public var departedItems = 0
    public var queuedRows = 0
    public var wasBaseline = false
}

/// The ingest step of ARCHITECTURE.md: dedupe, thread, route and enqueue, then advance the cursor.
struct IngestTransaction {
    let poll: CommittedPoll

    func run(_ db: Database) throws -> IngestOutcome {
        var outcome = IngestOutcome()
        var state = try SourceStateRecord.fetchOne(db, key: poll.sourceId) ?? SourceStateRecord(sourceId: poll.sourceId)
        let isFirstPoll = state.baselineAt == nil
        let result = poll.result

        if !result.notModified {
            let known = try knownItems(db)
            let backfillKeys = isFirstPoll ? Set(result.items.suffix(poll.backfill).map(\.key)) : []
            var threadsSeen = Set(known.values.map(\.threadKey))
            var keysInWindow = Set<String>()
            let items = AliasResolver(known: known).resolve(result.items)
            for item in items {
                guard keysInWindow.insert(item.key).inserted else { continue }
                let decision = try ingest(item, known: known, db: db, isFirstPoll: isFirstPoll,
                                          backfill: backfillKeys.contains(item.key), threadsSeen: &threadsSeen, outcome: &outcome)
                outcome.decisions.append(decision)
            }
            if result.isCompleteWindow {
                outcome.departedItems = try tombstone(db, except: keysInWindow, known: known)
            }
            state.cursor = result.cursor ?? state.cursor
        }
        if isFirstPoll {
            state.baselineAt = poll.now
            outcome.wasBaseline = true
        }
        // A 304 may carry no validators: keep the stored ones then, but take fresher ones when sent.
        state.etag = result.validators.etag ?? state.etag
        state.lastModified = result.validators.lastModified ?? state.lastModified
        state.errorCount = 0
        state.lastError = nil
        state.lastSuccessAt = poll.now
        state.nextPollAt = poll.nextPollAt
        try state.save(db)
        return outcome
    }

    private func isEcho(_ item: Item, _ db: Database) throws -> Bool {
        guard !item.echoKeys.isEmpty else { return false }
        return try EchoRecord.filter(Column("sourceId") == poll.sourceId && item.echoKeys.contains(Column("key"))).fetchCount(db) > 0
    }

    private func knownItems(_ db: Database) throws -> [String: ItemRecord] {
        let rows = try ItemRecord.filter(ItemRecord.Columns.sourceId == poll.sourceId).fetchAll(db)
        return Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func ingest(
        _ item: Item, known: [String: ItemRecord], db: Database, isFirstPoll: Bool, backfill: Bool,
        threadsSeen: inout Set<String>, outcome: inout IngestOutcome
    ) throws -> IngestDecision {
        let payload = try JSONEncoder.sorted.encode(item)
        let threadKey = item.effectiveThreadKey
        if var stored = known[item.key] {
            stored.lastSeenAt = poll.now
            stored.departedAt = nil
            guard stored.fingerprint != item.fingerprint else {
                try stored.update(db)
                return IngestDecision(itemKey: item.key, title: item.title, revision: stored.revision, outcome: .unchanged)
            }
            stored.fingerprint = item.fingerprint
            stored.revision += 1
            stored.payload = payload
            try stored.update(db)
            outcome.updatedItems += 1
            let decision = try enqueue(item, threadKey: stored.threadKey, revision: stored.revision, payload: payload, isUpdate: true, db: db, outcome: &outcome)
            return IngestDecision(itemKey: item.key, title: item.title, revision: stored.revision, outcome: decision)
        }

        var record = ItemRecord(
            id: nil, sourceId: poll.sourceId, key: item.key, threadKey: threadKey, fingerprint: item.fingerprint,
            revision: 0, payload: payload, firstSeenAt: poll.now, lastSeenAt: poll.now, departedAt: nil)
        try record.insert(db)
        outcome.newItems += 1
        let continuesThread = !threadsSeen.insert(threadKey).inserted
        if try isEcho(item, db) {
            return IngestDecision(itemKey: item.key, title: item.title, revision: 0, outcome: .echo)
        }
        if isFirstPoll && !backfill {
            return IngestDecision(itemKey: item.key, title: item.title, revision: 0, outcome: .baseline)
        }
        let decision = try enqueue(item, threadKey: threadKey, revision: 0, payload: payload, isUpdate: continuesThread, db: db, outcome: &outcome)
        return IngestDecision(itemKey: item.key, title: item.title, revision: 0, outcome: decision)
    }

    private func enqueue(
        _ item: Item, threadKey: String, revision: Int, payload: Data, isUpdate: Bool, db: Database, outcome: inout IngestOutcome
    ) throws -> IngestDecision.Outcome {
        guard !poll.routes.isEmpty else { return .unrouted }
        var rejections: [String] = []
        var queued: [RoutePlan.Target] = []
        var action = OutboxAction.post
        var ignored = false
        for route in poll.routes {
            if let reason = route.rejection(of: item) {
                rejections.append(reason)
                continue
            }
            if isUpdate {
                switch route.updates {
                case .ignore: ignored = true; continue
                case .reply: action = .reply
                case .edit: action = .edit
                case .post: action = .post
                }
            }
            for target in route.targets {
                var row = OutboxRecord(
                    id: nil, sinkId: target.sinkId, groupId: target.groupId, routeId: route.id, sourceId: poll.sourceId,
                    itemKey: item.key, threadKey: threadKey, revision: revision, action: action,
                    idempotencyKey: IdempotencyKey.derive(route: route.id, sink: target.sinkId, group: target.groupId, source: poll.sourceId, itemKey: item.key, revision: revision),
                    payload: payload, state: .pending, attempts: 0, nextAttemptAt: poll.now, lastError: nil,
                    remotePostId: nil, createdAt: poll.now, finishedAt: nil)
                // The key is unique: a row that is already queued (same route, group, item, revision) stays single.
                try row.insert(db, onConflict: .ignore)
                if db.changesCount > 0 {
                    outcome.queuedRows += 1
                    queued.append(target)
                }
            }
        }
        if !queued.isEmpty { return .queued(action: action, targets: queued) }
        if ignored { return .updateIgnored }
        return rejections.isEmpty ? .unchanged : .filtered(rejections)
    }

    private func tombstone(_ db: Database, except present: Set<String>, known: [String: ItemRecord]) throws -> Int {
        var count = 0
        for (key, var record) in known where record.departedAt == nil && !present.contains(key) {
            record.departedAt = poll.now
            try record.update(db)
            count += 1
        }
        return count
    }
}

extension JSONDecoder {
    /// The decoder matching `JSONEncoder.sorted`.
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    /// Sorted keys and ISO dates, so the same item always encodes to the same bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
