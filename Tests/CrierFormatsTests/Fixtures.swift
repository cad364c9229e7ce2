import Foundation
import Testing

/// Access to the files in `Fixtures/` (copied into the test bundle as one folder).
enum Fixtures {
    static let root: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return url
    }()

    /// Raw bytes of a fixture file, by path relative to `Fixtures/`.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Names of the folders under `Fixtures/feeds`, one golden case each.
    static var feedCases: [String] {
        let dir = root.appendingPathComponent("feeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted()
    }

    /// Names of the files in a fixture folder.
    static func files(in folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }
}

/// An ISO 8601 date string in an expectation, read independently of FeedDate.
func isoDate(_ s: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = s.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    return formatter.date(from: s)
}
