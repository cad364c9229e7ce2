import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Runs every source on its own schedule, as a Service.
///
/// Due sources are started up to a global cap and a per-host cap; a source that fails backs off
/// alone while the others keep running. Each source's next poll time lives in the state store, so a
/// restart resumes the schedule instead of polling everything at once.
public final class PollScheduler: Service, Sendable {
    let sources: [SourceRuntime]
    let poller: SourcePoller
    let maxConcurrent: Int
    let maxPerHost: Int
    let logger: Logger
    private let running = Mutex(RunningSet())

    struct RunningSet {
        var sources: Set<String> = []
        var perHost: [String: Int] = [:]
    }

    public init(sources: [SourceRuntime], poller: SourcePoller, maxConcurrent: Int, maxPerHost: Int, logger: Logger) {
        self.sources = sources
        self.poller = poller
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.logger = logger
    }

    public func run() async throws {
        // Polls in flight are cancelled on shutdown; an uncommitted poll is simply repeated next start.
        try await cancelWhenGracefulShutdown { try await self.loop(oneCycle: false) }
    }

    /// Polls every source once, now, under the same caps as `run()`; returns when all are done.
    /// `crier` uses `run()`; benchmarks and tests use this to time or drive one full cycle.
    public func pollEachOnce() async throws {
        try await loop(oneCycle: true)
    }

    private func loop(oneCycle: Bool) async throws {
        var due: [String: Date] = [:]
        let states = try poller.store.allSourceStates()
        let stored = Dictionary(states.map { ($0.sourceId, $0.nextPollAt) }, uniquingKeysWith: { a, _ in a })
        let start = poller.now()
        for source in sources { due[source.id] = oneCycle ? start : ((stored[source.id] ?? nil) ?? start) }
        var finished = 0
        let wakeUp = Doorbell()

        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = poller.now()
                var waitingForSlot = false
                for source in sources where due[source.id]! <= now {
                    guard claim(source) else {
                        waitingForSlot = true
                        continue
                    }
                    // Far in the future while running; the poll's answer sets the real time.
                    due[source.id] = .distantFuture
                    group.addTask { [poller, logger] in
                        let next = await poller.poll(source, logger: logger)
                        self.release(source, next: next)
                        wakeUp.ring()
                    }
                }
                for (id, next) in drainCompleted() {
                    finished += 1
                    if !oneCycle { due[id] = next }
                }
                if oneCycle && finished == sources.count { break }
                // With sources due but every slot taken, only a finishing poll can change anything.
                let soonest = waitingForSlot ? now.addingTimeInterval(1) : (due.values.min() ?? now.addingTimeInterval(60))
                let wait = Swift.min(Swift.max(soonest.timeIntervalSince(poller.now()), 0.005), 60)
                await wakeUp.wait(timeout: .milliseconds(Int(wait * 1000)))
            }
        }
    }

    private let completed = Mutex<[(String, Date)]>([])

    private func claim(_ source: SourceRuntime) -> Bool {
        running.withLock { set in
            guard set.sources.count < maxConcurrent, set.perHost[source.connector.host, default: 0] < maxPerHost else { return false }
            set.sources.insert(source.id)
            set.perHost[source.connector.host, default: 0] += 1
            return true
        }
    }

    private func release(_ source: SourceRuntime, next: Date) {
        running.withLock { set in
            set.sources.remove(source.id)
            set.perHost[source.connector.host, default: 1] -= 1
        }
        completed.withLock { $0.append((source.id, next)) }
    }

    private func drainCompleted() -> [(String, Date)] {
        completed.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
