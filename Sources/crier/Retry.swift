import ArgumentParser
import CrierCore
import Foundation

/// `crier retry`: puts dead letters back into their queues.
struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Retry dead letters (all, or the given outbox ids).")

    @OptionGroup var options: ConfigOption

    @Argument(help: "Outbox ids from `crier status`; none means every dead letter.")
    var ids: [Int64] = []

    func run() async throws {
        let config = try loadConfigOrExit(options.config)
        let store = try openStateForReading(config)
        let count = try store.retryDeadLetters(ids: ids.isEmpty ? nil : ids, now: Date())
        print("\(count) dead letter\(count == 1 ? "" : "s") queued again; a running daemon picks them up on its next pass")
    }
}
