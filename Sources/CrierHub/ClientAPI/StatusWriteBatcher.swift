import Foundation
import GRDB

/// Group commit for `POST /api/v1/statuses`: posts that arrive while a write transaction is
/// running are written together in the next one, each in its own savepoint.
///
/// Durability is unchanged: a request is answered only after the transaction holding its status
/// has committed, and a failed commit fails every request of the batch (none was answered). One
/// bad post (an unknown parent, say) rolls back its savepoint only. Idempotency keys keep their
/// meaning: each insert checks for an earlier status with its key inside the transaction, so a
/// repeat in the same batch finds the first. What batching saves is the per-transaction cost
/// (BEGIN/COMMIT, WAL frames of the same index pages written once), which capped posting near
/// 750 posts/s with one transaction per post.
final class StatusWriteBatcher: @unchecked Sendable {
    // @unchecked: `pending` and `draining` are accessed only under `lock`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    /// The most posts written in one transaction.
    static let maxBatch = 64

    /// What a batched write returns for one post.
    typealias Outcome = Result<(status: StatusRecord, created: Bool, author: AccountRecord?), any Error>

    private struct Job {
        var new: NewStatus
        var continuation: CheckedContinuation<Outcome, Never>
    }

    init() {}

    /// Writes `new` in the next batch and returns once that batch has committed.
    func write(_ new: NewStatus, store: HubStore) async -> Outcome {
        await withCheckedContinuation { continuation in
            let start = lock.withLock {
                pending.append(Job(new: new, continuation: continuation))
                guard !draining else { return false }
                draining = true
                return true
            }
            // A short-lived drain: it ends as soon as no post is waiting.
            if start { Task { await self.drain(store) } }
        }
    }

    private func drain(_ store: HubStore) async {
        while true {
            let batch: [Job] = lock.withLock {
                let batch = Array(pending.prefix(Self.maxBatch))
                pending.removeFirst(batch.count)
                if batch.isEmpty { draining = false }
                return batch
            }
            if batch.isEmpty { return }
            let news = batch.map(\.new)
            let outcomes: [Outcome]
            do {
                outcomes = try await store.pool.write { db in try Self.insert(news, db) }
            } catch {
                outcomes = news.map { _ in .failure(error) }
            }
            for (job, outcome) in zip(batch, outcomes) {
                job.continuation.resume(returning: outcome)
            }
        }
    }

    /// Inserts each post in its own savepoint, inside the caller's transaction.
    private static func insert(_ news: [NewStatus], _ db: Database) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        var authors: [Int64: AccountRecord] = [:]
        for new in news {
            do {
                var result: (status: StatusRecord, created: Bool)?
                try db.inSavepoint {
                    result = try HubStore.insertStatus(new, db)
                    return .commit
                }
                guard let result else { throw StatusWriteError.statusNotFound }
                if authors[new.accountId] == nil { authors[new.accountId] = try AccountRecord.fetchOne(db, key: new.accountId) }
                outcomes.append(.success((result.status, result.created, authors[new.accountId])))
            } catch let error as DatabaseError where error.isFatal {
                throw error
            } catch {
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }
}

extension HubStore {
    /// ``createStatus(_:)`` through the group-commit ``StatusWriteBatcher``: same result, same
    /// `created` event, same idempotency, answered after the commit. Also returns the author.
    func createStatusBatched(_ new: NewStatus) async throws -> (status: StatusRecord, created: Bool, author: AccountRecord?) {
        switch await statusWriteBatcher.write(new, store: self) {
        case .success(let result):
            if result.created, let author = result.author {
                events.publish(StatusEvent(kind: .created, status: result.status, author: author))
            }
            return result
        case .failure(let error as DatabaseError) where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE:
            // Another process inserted the same key between our check and insert.
            guard let key = new.idempotencyKey,
                let existing = try await pool.read({ db in
                    try StatusRecord.all().filter(accountId: new.accountId, idempotencyKey: key).fetchOne(db)
                })
            else { throw error }
            return (existing, false, nil)
        case .failure(let error):
            throw error
        }
    }
}

extension DatabaseError {
    /// Errors after which the transaction cannot go on (as opposed to a constraint on one row).
    var isFatal: Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOMEM, .SQLITE_BUSY, .SQLITE_READONLY]
            .contains(resultCode)
    }
}
