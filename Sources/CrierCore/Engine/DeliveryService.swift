public import ServiceLifecycle

/// Runs one delivery worker per (sink, group), as a Service.
public final class DeliveryService: Service, Sendable {
    public let workers: [DeliveryWorker]

    public init(workers: [DeliveryWorker]) { self.workers = workers }

    /// Wakes every worker, e.g. after ingest queued new rows.
    public func ring() {
        for worker in workers { worker.doorbell.ring() }
    }

    public func run() async throws {
        // A delivery in flight when shutdown starts is cancelled; its row stays pending and is
        // retried with the same idempotency key on the next start.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for worker in self.workers { group.addTask { await worker.run() } }
            }
        }
    }
}
