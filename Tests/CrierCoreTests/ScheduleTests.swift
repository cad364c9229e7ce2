import CrierCore
import Foundation
import Testing

@Suite struct ScheduleTests {
    func schedule(interval: Int = 600) -> PollSchedule {
        var source = SourceConfig(id: "s", type: "feed")
        source.interval = .seconds(interval)
        source.minInterval = .seconds(60)
        source.maxInterval = .seconds(3600)
        return PollSchedule(source: source, maxBackoff: .seconds(6 * 3600))
    }

    @Test func successWaitsTheIntervalWithJitter() {
        let now = Date(timeIntervalSince1970: 0)
        for _ in 0..<50 {
            let wait = schedule().afterSuccess(hint: nil, now: now).timeIntervalSince(now)
            #expect(wait >= 540 && wait <= 660)
        }
    }

    @Test func serverHintsCountWithinTheBounds() {
        let now = Date(timeIntervalSince1970: 0)
        let ttl = schedule().afterSuccess(hint: .seconds(1800), now: now).timeIntervalSince(now)
        #expect(ttl >= 1620 && ttl <= 1980)
        let huge = schedule().afterSuccess(hint: .seconds(86400), now: now).timeIntervalSince(now)
        #expect(huge <= 3600 * 1.1)
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        let now = Date(timeIntervalSince1970: 0)
        let waits = (1...20).map { schedule().afterFailure(errorCount: $0, retryAfter: nil, now: now).timeIntervalSince(now) }
        #expect(waits[0] >= 24 && waits[0] <= 36)
        #expect(waits[3] >= 240 * 0.8 && waits[3] <= 240 * 1.2)
        #expect(waits.allSatisfy { $0 <= 6 * 3600 * 1.2 })
        #expect(waits[19] >= 6 * 3600 * 0.8)
    }

    @Test func retryAfterIsHonoured() {
        let now = Date(timeIntervalSince1970: 0)
        let wait = schedule().afterFailure(errorCount: 1, retryAfter: .seconds(900), now: now).timeIntervalSince(now)
        #expect(wait >= 900)
    }
}
