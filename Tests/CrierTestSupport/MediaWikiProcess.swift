import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process group of the wiki's PHP server, read by the exit handler (which can capture nothing).
private let wikiServerGroup = Atomic<Int32>(0)

/// A real MediaWiki 1.39 installed by `Tests/Systems/mediawiki.sh` into a temporary folder and
/// served on a free loopback port, for the tests of every target that needs one.
///
/// Stopping: Swift Testing has no teardown after the last test of a process, so the wiki lives
/// until the process ends. An `atexit` handler then kills the server's process group, and the
/// script's watchdog (`MW_OWNER_PID`) kills the server and deletes its folder within a second of
/// the process ending, even when the process crashed and no exit handler ran.
public struct MediaWikiProcess: Sendable {
    public let directory: String
    /// `http://127.0.0.1:PORT/api.php`.
    public let apiURL: String
    public let adminPassword: String
    /// The bot password of `BridgeBot@bridge`.
    public let botPassword: String
    public static let botUser = "BridgeBot@bridge"

    /// Installs and starts a wiki; fails (never skips) when the Debian packages are missing.
    public static func start() async throws -> MediaWikiProcess {
        let directory = NSTemporaryDirectory() + "crier-mediawiki-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "start", directory, String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["MW_OWNER_PID"] = String(getpid())
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            throw MediaWikiProcessError(message: "Tests/Systems/mediawiki.sh start failed (exit \(status)):\n\(log)")
        }
        let group = Int32(try read(directory + "/pgid")) ?? 0
        wikiServerGroup.store(group, ordering: .relaxed)
        atexit {
            // SIGKILL: the server inherited this process's signal mask, in which SIGTERM is blocked.
            let group = wikiServerGroup.load(ordering: .relaxed)
            if group > 0 { kill(-group, SIGKILL) }
        }
        return MediaWikiProcess(
            directory: directory, apiURL: "http://127.0.0.1:\(port)/api.php",
            adminPassword: try read(directory + "/adminpassword"), botPassword: try read(directory + "/botpassword"))
    }

    /// `http://127.0.0.1:PORT/index.php`.
    public var indexURL: String { String(apiURL.dropLast("api.php".count)) + "index.php" }

    /// `Tests/Systems/mediawiki.sh`, found from this file's place in the repository.
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Systems/mediawiki.sh").path
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The wiki could not be started.
public struct MediaWikiProcessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
