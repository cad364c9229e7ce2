import ArgumentParser
import CrierCore
import Foundation

/// `crier status`: sources, outbox and dead letters, read from the state database.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show sources, the outbox and dead letters.")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try loadConfigOrExit(options.config)
        let store = try openStateForReading(config)
        let states = Dictionary(try store.allSourceStates().map { ($0.sourceId, $0) }, uniquingKeysWith: { a, _ in a })
        print("SOURCES")
        for id in config.sources.keys.sorted() {
            let state = states[id]
            let counts = try store.itemCounts(sourceId: id)
            var line = "  \(id): "
            if let state {
                line += state.errorCount > 0 ? "FAILING (\(state.errorCount)×)" : (state.baselineAt == nil ? "not polled" : "ok")
                line += ", items \(counts.stored) (\(counts.departed) departed)"
                if let success = state.lastSuccessAt { line += ", last success \(Self.format(success))" }
                if let next = state.nextPollAt { line += ", next poll \(Self.format(next))" }
                if let error = state.lastError { line += "\n      last error: \(error)" }
            } else {
                line += "not polled yet"
            }
            print(line)
        }
        print("OUTBOX")
        let counts = try store.outboxCounts()
        if counts.isEmpty { print("  empty") }
        var byGroup: [String: [OutboxState: Int]] = [:]
        for count in counts { byGroup["\(count.sinkId)/\(count.groupId)", default: [:]][count.state] = count.count }
        for (group, states) in byGroup.sorted(by: { $0.key < $1.key }) {
            print("  \(group): \(states[.sent] ?? 0) sent, \(states[.pending] ?? 0) pending, \(states[.dead] ?? 0) dead")
        }
        let pending = try store.outboxRows(state: .pending, limit: 10).filter { $0.lastError != nil }
        for row in pending {
            print("  retrying #\(row.id ?? 0) \(row.sourceId) \(row.itemKey) (attempt \(row.attempts)): \(row.lastError ?? "")")
        }
        let dead = try store.outboxRows(state: .dead, limit: 20)
        if !dead.isEmpty {
            print("DEAD LETTERS (crier retry ID… puts them back)")
            for row in dead { print("  #\(row.id ?? 0) \(row.sinkId)/\(row.groupId) \(row.sourceId) \(row.itemKey): \(row.lastError ?? "")") }
        }
    }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
