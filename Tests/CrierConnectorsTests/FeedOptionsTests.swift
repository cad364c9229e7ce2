import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The options of a `feed` source: `Catalog.validateSource` reports every bad key at once, and a
/// local file is read only with `allow_file = true`, its relative path resolved against the
/// directory of the config file.
@Suite struct FeedOptionsTests {
    /// A folder like the one holding `crier.toml`, with the JSON Feed fixture at `feeds/example.json`
    /// and at `my feeds/example.json`.
    static func configDirectory() throws -> String {
        let directory = try temporaryDirectory("config")
        for folder in ["feeds", "my feeds"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
            try Data(try Fixtures.bytes("jsonfeed-1.1.json")).write(to: URL(fileURLWithPath: directory + "/" + folder + "/example.json"))
        }
        return directory
    }

    @Test(arguments: ["feeds/example.json", "./feeds/../feeds/example.json", "file:feeds/example.json", "my feeds/example.json"])
    func aRelativePathIsReadUnderTheConfigDirectory(_ url: String) async throws {
        let directory = try Self.configDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(Catalog().validateSource(type: "feed", options: ["url": .string(url), "allow_file": .bool(true)]).isEmpty)
        let result = try await FeedHarness.poll(try FeedHarness.connector(url, allowFile: true, baseDirectory: directory))
        #expect(result.items.map(\.key) == ["1", "2"])
        #expect(result.items.map(\.summary) == ["Hello, world!", "This is a second item."])
    }

    @Test func anAbsoluteFileURLIsReadToo() async throws {
        let directory = try Self.configDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = URL(fileURLWithPath: directory + "/feeds/example.json").absoluteString
        let result = try await FeedHarness.poll(try FeedHarness.connector(url, allowFile: true, baseDirectory: "/nonexistent"))
        #expect(result.items.count == 2)
    }

    @Test func withoutAllowFileTheFileIsNotRead() async throws {
        let directory = try Self.configDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A connector built despite the validator (which refuses this config) still does not read the file.
        let error = try await #require(throws: ConnectorError.self) {
            try await FeedHarness.poll(try FeedHarness.connector("feeds/example.json", baseDirectory: directory))
        }
        #expect(error.kind == .permanent)
    }

    @Test func aMissingFileIsAnError() async throws {
        let directory = try Self.configDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        await #expect(throws: ConnectorError.self) {
            try await FeedHarness.poll(try FeedHarness.connector("feeds/missing.json", allowFile: true, baseDirectory: directory))
        }
    }

    /// Options and the keys the validator must name.
    struct BadOptions: Sendable, CustomTestStringConvertible {
        var options: [String: ConfigValue]
        var keys: [String]
        var mentions: String
        var testDescription: String { "\(options.keys.sorted()) → \(keys)" }
    }

    static let bad: [BadOptions] = [
        BadOptions(options: ["url": .string("feeds/local.xml")], keys: ["url"], mentions: "allow_file"),
        BadOptions(options: ["url": .string("/srv/feeds/local.xml")], keys: ["url"], mentions: "allow_file"),
        BadOptions(options: ["url": .string("file:///srv/feeds/local.xml"), "allow_file": .bool(false)], keys: ["url"], mentions: "allow_file"),
        BadOptions(options: ["url": .string("ftp://ftp.example.com/feed.xml")], keys: ["url"], mentions: "http"),
        BadOptions(options: ["url": .string("gopher://example.com/feed")], keys: ["url"], mentions: "http"),
        BadOptions(options: ["url": .string("https://example.com/feed"), "pasword": .string("x")], keys: ["pasword"], mentions: "pasword"),
        BadOptions(options: [:], keys: ["url"], mentions: "missing"),
        BadOptions(options: ["allow_file": .bool(true)], keys: ["url"], mentions: "missing"),
        BadOptions(options: ["url": .integer(8080)], keys: ["url"], mentions: "string"),
        BadOptions(options: ["url": .string("https://example.com/feed"), "allow_file": .string("yes")], keys: ["allow_file"], mentions: "boolean"),
        BadOptions(options: ["url": .string("https://")], keys: ["url"], mentions: "not a valid URL"),
    ]

    @Test(arguments: bad)
    func badOptionsAreNamed(_ bad: BadOptions) {
        let problems = Catalog().validateSource(type: "feed", options: bad.options)
        #expect(problems.map(\.key) == bad.keys)
        #expect(problems.contains { $0.message.contains(bad.mentions) }, "\(problems.map(\.message))")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = Catalog().validateSource(type: "feed", options: ["interval_s": .integer(5), "user": .string("x"), "allow_file": .integer(1)])
        #expect(Set(problems.map(\.key)) == ["interval_s", "user", "url", "allow_file"])
    }

    @Test(arguments: [
        ["url": ConfigValue.string("https://example.com/feed.xml")],
        ["url": .string("http://intranet:8080/news.rss")],
        ["url": .string("feeds/local.xml"), "allow_file": .bool(true)],
        ["url": .string("file:///srv/feeds/local.xml"), "allow_file": .bool(true)],
    ])
    func goodOptionsPass(_ options: [String: ConfigValue]) {
        #expect(Catalog().validateSource(type: "feed", options: options).isEmpty)
    }

    @Test func anUnknownSourceTypeIsNamed() {
        #expect(Catalog().validateSource(type: "gopher", options: [:]).map(\.key) == ["type"])
    }
}
