public import ServiceLifecycle

/// Runs the reply watchers of every group whose sink can report replies, and the relay worker.
public final class ReplyService: Service, Sendable {
    public let watchers: [ReplyWatcher]
    public let relay: RelayWorker

    public init(watchers: [ReplyWatcher], relay: RelayWorker) {
        self.watchers = watchers
        self.relay = relay
    }

    public func run() async throws {
        // A relay in flight at shutdown is cancelled; the reply stays pending, and the connector's
        // marker check keeps its retry from writing twice.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for watcher in self.watchers { group.addTask { await watcher.run() } }
                group.addTask { await self.relay.run() }
            }
        }
    }
}
