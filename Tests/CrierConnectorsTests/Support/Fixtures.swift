import Foundation

/// The files in `Fixtures/`, copied into the test bundle as one folder (see `Fixtures/README.md`).
enum Fixtures {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }()

    /// The bytes of a fixture file, by path relative to `Fixtures/`.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// The case folders under `Fixtures/identity`, sorted.
    static var identityCases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("identity").path)) ?? []
        return names.sorted()
    }
}

/// Polls `condition` until it holds or `timeout` passes; tests wait for effects, never sleep blindly.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A fresh directory under the system temp dir.
func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "crier-connectors-\(name)-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
