import Synchronization

/// Lets one task at a time through, in arrival order, across suspension points.
///
/// Two replies to the same page must not both find "no discussion section yet" and both create
/// one, and an actor does not help there (it is reentrant at every `await`). The wait is not
/// cancellable; what runs inside is.
final class MediaWikiSerialGate: Sendable {
    /// Whether a caller is inside, and who waits, first in line first.
    private struct State {
        var isBusy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Runs `body` once every earlier caller has finished.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayEnter = state.withLock { state in
                if state.isBusy {
                    state.waiters.append(continuation)
                    return false
                }
                state.isBusy = true
                return true
            }
            if mayEnter { continuation.resume() }
        }
    }

    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isBusy = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
