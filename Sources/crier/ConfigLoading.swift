import ArgumentParser
import CrierConnectors
import CrierCore
import Foundation

/// Exit status for an invalid configuration (sysexits EX_CONFIG), as `vector validate` uses.
let exitConfigError: Int32 = 78

/// Loads and validates a config, printing every problem and exiting 78 when there are any.
func loadConfigOrExit(_ path: String) throws -> CrierConfig {
    do {
        return try ConfigLoader.load(path: path, catalog: Catalog())
    } catch {
        for problem in error.problems { printError(problem.description) }
        printError("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") in \(path)")
        throw ExitCode(exitConfigError)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The daemon's state database, or an empty in-memory one when the daemon has not run yet, so
/// that inspecting commands never create state as a side effect.
func openStateForReading(_ config: CrierConfig) throws -> StateStore {
    let path = config.daemon.stateDirectory + "/state.db"
    return FileManager.default.fileExists(atPath: path) ? try StateStore(path: path) : try StateStore()
}
