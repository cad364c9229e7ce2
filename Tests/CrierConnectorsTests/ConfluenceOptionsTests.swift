@testable import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The options of a `confluence` source: every bad key named at once, the documented defaults,
/// and the sample config in the connector's folder valid.
@Suite struct ConfluenceOptionsTests {
    static let url = ConfigValue.string("https://wiki.example.com/confluence")

    @Test func minimalOptionsAreValidAndTakeTheDefaults() {
        #expect(Catalog().validateSource(type: "confluence", options: ["url": Self.url]).isEmpty)
        let options = ConfluenceOptions(options: ["url": .string("https://wiki.example.com/confluence/")])
        #expect(options.url == "https://wiki.example.com/confluence")
        #expect(options.spaces.isEmpty)
        #expect(options.types == ["page", "blogpost", "comment"])
        #expect(options.auth == .none)
        #expect(options.overlap == .seconds(120))
    }

    @Test func everyOptionIsRead() {
        let values: [String: ConfigValue] = [
            "url": Self.url, "spaces": .array([.string("OPS")]), "types": .array([.string("comment"), .string("page")]),
            "username": .string("bot@example.com"), "password": .string("api-token"), "overlap": .string("5m"),
        ]
        #expect(Catalog().validateSource(type: "confluence", options: values).isEmpty)
        let options = ConfluenceOptions(options: values)
        #expect(options.spaces == ["OPS"])
        #expect(options.types == ["page", "comment"])
        #expect(options.auth == .basic(username: "bot@example.com", password: "api-token"))
        #expect(options.overlap == .seconds(300))
        #expect(ConfluenceOptions(options: ["url": Self.url, "token": .string("pat")]).auth == .bearer("pat"))
    }

    /// Options and the keys the validator must name.
    struct BadOptions: Sendable, CustomTestStringConvertible {
        var options: [String: ConfigValue]
        var keys: [String]
        var mentions: String
        var testDescription: String { "\(options.keys.sorted()) → \(keys)" }
    }

    static let bad: [BadOptions] = [
        BadOptions(options: [:], keys: ["url"], mentions: "missing"),
        BadOptions(options: ["url": .integer(1)], keys: ["url"], mentions: "string"),
        BadOptions(options: ["url": .string("ftp://wiki.example.com")], keys: ["url"], mentions: "http"),
        BadOptions(options: ["url": .string("https://wiki.example.com/?os_authType=basic")], keys: ["url"], mentions: "query"),
        BadOptions(options: ["url": url, "space": .array([])], keys: ["space"], mentions: "unknown key 'space'"),
        BadOptions(options: ["url": url, "spaces": .string("OPS")], keys: ["spaces"], mentions: "array"),
        BadOptions(options: ["url": url, "spaces": .array([.string("OPS\" or space = \"X")])], keys: ["spaces"], mentions: "not a space key"),
        BadOptions(options: ["url": url, "spaces": .array([.integer(3)])], keys: ["spaces"], mentions: "integer"),
        BadOptions(options: ["url": url, "types": .array([.string("attachment")])], keys: ["types"], mentions: "attachment"),
        BadOptions(options: ["url": url, "types": .array([.string("page"), .string("page")])], keys: ["types"], mentions: "twice"),
        BadOptions(options: ["url": url, "types": .array([])], keys: ["types"], mentions: "at least one"),
        BadOptions(options: ["url": url, "username": .string("bot")], keys: ["username"], mentions: "password_file"),
        BadOptions(options: ["url": url, "password": .string("pw")], keys: ["password"], mentions: "username"),
        BadOptions(options: ["url": url, "token": .string("t"), "username": .string("u"), "password": .string("p")], keys: ["token"], mentions: "not both"),
        BadOptions(options: ["url": url, "overlap": .string("2 minutes")], keys: ["overlap"], mentions: "duration"),
        BadOptions(options: ["url": url, "overlap": .integer(120)], keys: ["overlap"], mentions: "duration"),
        BadOptions(options: ["url": url, "overlap": .string("2d")], keys: ["overlap"], mentions: "at most"),
    ]

    @Test(arguments: bad)
    func badOptionsAreNamed(_ bad: BadOptions) {
        let problems = Catalog().validateSource(type: "confluence", options: bad.options)
        #expect(problems.map(\.key) == bad.keys)
        #expect(problems.allSatisfy { $0.message.contains(bad.mentions) }, "\(problems.map(\.message))")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = Catalog().validateSource(type: "confluence", options: [
            "spaces": .integer(1), "types": .array([.string("x")]), "username": .string("u"), "overlap": .string("soon"), "extra": .bool(true),
        ])
        #expect(Set(problems.map(\.key)) == ["extra", "url", "spaces", "types", "username", "overlap"])
    }

    @Test func theSampleConfigIsValid() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CrierConnectors/Confluence/sample.toml").path
        let config = try ConfigLoader.parse(
            text: try String(contentsOfFile: path, encoding: .utf8), file: "sample.toml", baseDirectory: NSTemporaryDirectory(),
            catalog: Catalog(), environment: ["CRIER_CONFLUENCE_TOKEN": "a-personal-access-token"])
        let source = try #require(config.sources["confluence"])
        #expect(source.type == "confluence")
        #expect(source.options["token"] == .string("a-personal-access-token"))
        let connector = try Catalog().makeConnector(source, context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
        #expect(connector.host == "wiki.example.com")
        #expect(connector.defaultUpdatePolicy == .reply)
    }
}
