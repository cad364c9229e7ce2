import Synchronization
import ServiceLifecycle

/// A one-way gate: closed until `open()`, then open for good. Delivery and reply watching wait at
/// it until the embedded hub listens, so a start does not begin with connection-refused warnings.
final class StartGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// Runs a service once its gate opens; a shutdown before that ends it without running.
struct GatedService: Service {
    let gate: StartGate
    let service: any Service

    func run() async throws {
        // The gate may never open if the hub fails to bind; the group then stops everything anyway.
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard !Task.isCancelled && !Task.isShuttingDownGracefully else { return }
        try await service.run()
    }
}
