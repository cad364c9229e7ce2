/// Rate-limits log-ins: after `limit` failures for one key (a username or an IP address) within
/// `window`, further attempts on that key are refused until the oldest of those failures leaves
/// the window. A success clears its username's count.
///
/// ```swift
/// if let wait = await throttle.retryAfter(keys: ["user:alice", "ip:10.0.0.5"]) { return 429 }
/// ```
actor LoginThrottle {
    /// Failures allowed per key within ``window``.
    let limit: Int
    /// How long a failure counts.
    let window: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    /// Keys kept at most; beyond it, expired entries are dropped first, then the oldest keys.
    private let capacity = 50_000

    /// Creates a throttle: 5 failures per 15 minutes by default.
    init(
        limit: Int = 5, window: Duration = .seconds(15 * 60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// How long to wait before any of `keys` may try again, or nil when none is throttled.
    func retryAfter(keys: [String]) -> Duration? {
        let current = now()
        let waits = keys.compactMap { key -> Duration? in
            let recent = (failures[key] ?? []).filter { current - $0 < window }
            guard recent.count >= limit else { return nil }
            return window - (current - recent[recent.count - limit])
        }
        return waits.max()
    }

    /// Counts a failed attempt against each key.
    func recordFailure(keys: [String]) {
        let current = now()
        if failures.count >= capacity { prune(current) }
        for key in keys {
            var list = (failures[key] ?? []).filter { current - $0 < window }
            list.append(current)
            failures[key] = Array(list.suffix(limit))
        }
    }

    /// Forgets the failures of a key (after a successful log-in).
    func reset(key: String) {
        failures[key] = nil
    }

    private func prune(_ current: ContinuousClock.Instant) {
        failures = failures.filter { _, list in list.contains { current - $0 < window } }
        if failures.count >= capacity {
            let keep = failures.sorted { ($0.value.last ?? current) > ($1.value.last ?? current) }.prefix(capacity / 2)
            failures = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
