import CrierConnectors
import CrierCore
import Foundation
import Testing

/// Every sample config that ships — one per connector and sink folder, plus `config/` — decodes
/// and validates against the real catalog, so the documentation cannot drift from the code.
@Suite struct SampleConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var samples: [String] {
        let connectors = root.appendingPathComponent("Sources/CrierConnectors")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: connectors.path)) ?? []
        let perConnector = folders.sorted().map { "Sources/CrierConnectors/\($0)/sample.toml" }
            .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        return perConnector + ["config/crier.toml", "config/quickstart.toml"]
    }

    @Test func everyConnectorFolderShipsASampleAndAReadme() throws {
        let connectors = Self.root.appendingPathComponent("Sources/CrierConnectors")
        for folder in try FileManager.default.contentsOfDirectory(atPath: connectors.path).sorted() {
            var isDirectory: ObjCBool = false
            // `Shared/` holds helpers used by several connectors, not a connector.
            guard folder != "Shared", FileManager.default.fileExists(atPath: connectors.appendingPathComponent(folder).path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            #expect(FileManager.default.fileExists(atPath: connectors.appendingPathComponent("\(folder)/sample.toml").path), "\(folder) has no sample.toml")
            #expect(FileManager.default.fileExists(atPath: connectors.appendingPathComponent("\(folder)/README.md").path), "\(folder) has no README.md")
        }
    }

    @Test(arguments: samples)
    func theSampleValidates(_ relativePath: String) throws {
        let url = Self.root.appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        // Secrets come from the environment in the samples; give every variable they name a value.
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") where line.contains("_env") && line.contains("=") && !line.hasPrefix("#") {
            if let name = line.split(separator: "\"").dropFirst().first { environment[String(name)] = "sample-secret" }
        }
        do {
            let config = try ConfigLoader.parse(
                text: text, file: relativePath, baseDirectory: url.deletingLastPathComponent().path,
                catalog: Catalog(), environment: environment)
            #expect(!config.sources.isEmpty || !config.sinks.isEmpty)
        } catch {
            Issue.record("\(relativePath) does not validate:\n\(error)")
        }
    }
}
