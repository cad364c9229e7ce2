import Foundation

/// What happened to a status.
enum StatusEventKind: String, Sendable {
    /// A new status or reply (published once; an idempotent replay publishes nothing).
    case created
    /// The author replaced the text.
    case edited
    /// The status was deleted; the event carries it as it was.
    case deleted
}

/// A change to a status, published by ``HubStore`` after the transaction that made it commits.
///
/// Subscribers decide themselves what a viewer may see: check the status' visibility and its
/// group (``HubStore/canSee(groupId:viewerId:)``) before sending it anywhere.
struct StatusEvent: Sendable {
    /// What happened.
    var kind: StatusEventKind
    /// The status after the change (before it, for ``StatusEventKind/deleted``).
    var status: StatusRecord
    /// The status' author.
    var author: AccountRecord
}

/// An in-process broadcaster of ``StatusEvent``s: the store publishes every create, edit and
/// delete, and live views (the web UI's Server-Sent Events, Mastodon streaming) subscribe.
///
/// Each subscriber gets its own `AsyncStream`, buffering the newest `bufferSize` events if it
/// reads slowly; ending the iteration (or cancelling its task) unsubscribes.
///
/// ```swift
/// for await event in store.events.subscribe() where event.kind == .created {
///     send(event.status)
/// }
/// ```
final class StatusEvents: @unchecked Sendable {
    // @unchecked: every access to `subscribers` and `nextId` holds `lock`.
    private let lock = NSLock()
    private var subscribers: [Int: AsyncStream<StatusEvent>.Continuation] = [:]
    private var nextId = 0

    /// Creates a broadcaster with no subscribers.
    init() {}

    /// A new subscription; it receives every event published after this call.
    func subscribe(bufferSize: Int = 256) -> AsyncStream<StatusEvent> {
        let (stream, continuation) = AsyncStream<StatusEvent>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let id = lock.withLock {
            nextId += 1
            subscribers[nextId] = continuation
            return nextId
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends `event` to every current subscriber; never blocks.
    func publish(_ event: StatusEvent) {
        let current = lock.withLock { Array(subscribers.values) }
        for continuation in current {
            continuation.yield(event)
        }
    }

    /// The number of live subscriptions (for tests and diagnostics).
    var subscriberCount: Int {
        lock.withLock { subscribers.count }
    }
}
