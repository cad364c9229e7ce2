@testable import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The options of a `mediawiki` source: `Catalog.validateSource` names every bad key at once, the
/// defaults are what the README says, and the sample config in the connector's folder is valid.
@Suite struct MediaWikiOptionsTests {
    static let api = ConfigValue.string("https://wiki.example.com/w/api.php")

    @Test func minimalOptionsAreValidAndTakeTheDefaults() throws {
        #expect(Catalog().validateSource(type: "mediawiki", options: ["url": Self.api]).isEmpty)
        let options = MediaWikiOptions(options: ["url": Self.api])
        #expect(options.credentials == nil)
        #expect(options.namespaces == nil)
        #expect(options.types == ["edit", "new"])
        #expect(options.hideBots)
        #expect(!options.hideMinor)
        #expect(options.overlap == .seconds(120))
        #expect(options.talkPagePrefix == nil)
        #expect(options.indexURL == "https://wiki.example.com/w/index.php")
        #expect(options.host == "wiki.example.com")
    }

    @Test func everyOptionIsRead() throws {
        let values: [String: ConfigValue] = [
            "url": Self.api, "username": .string("BridgeBot@bridge"), "password": .string("secret"),
            "namespaces": .array([.integer(0), .integer(4)]), "types": .array([.string("log"), .string("edit")]),
            "hide_bots": .bool(false), "hide_minor": .bool(true), "overlap": .string("5m"), "talk_page_prefix": .string("Project:Microblog/"),
        ]
        #expect(Catalog().validateSource(type: "mediawiki", options: values).isEmpty)
        let options = MediaWikiOptions(options: values)
        #expect(options.credentials?.username == "BridgeBot@bridge")
        #expect(options.credentials?.accountName == "BridgeBot")
        #expect(options.namespaces == [0, 4])
        #expect(options.types == ["edit", "log"])
        #expect(!options.hideBots)
        #expect(options.hideMinor)
        #expect(options.overlap == .seconds(300))
        #expect(options.talkPagePrefix == "Project:Microblog/")
    }

    /// Options and the keys the validator must name.
    struct BadOptions: Sendable, CustomTestStringConvertible {
        var options: [String: ConfigValue]
        var keys: [String]
        var mentions: String
        var testDescription: String { "\(options.keys.sorted()) → \(keys) (\(mentions))" }
    }

    static let bad: [BadOptions] = [
        BadOptions(options: [:], keys: ["url"], mentions: "missing"),
        BadOptions(options: ["url": .integer(80)], keys: ["url"], mentions: "string"),
        BadOptions(options: ["url": .string("ftp://wiki.example.com/w/api.php")], keys: ["url"], mentions: "http"),
        BadOptions(options: ["url": .string("https://wiki.example.com/wiki/Main_Page")], keys: ["url"], mentions: "api.php"),
        BadOptions(options: ["url": .string("https://wiki.example.com/w/api.php?action=query")], keys: ["url"], mentions: "query"),
        BadOptions(options: ["url": api, "pasword": .string("x")], keys: ["pasword"], mentions: "unknown key 'pasword'"),
        BadOptions(options: ["url": api, "username": .string("BridgeBot@bridge")], keys: ["username"], mentions: "password_file"),
        BadOptions(options: ["url": api, "password": .string("x")], keys: ["password"], mentions: "username"),
        BadOptions(options: ["url": api, "username": .string("BridgeBot"), "password": .string("x")], keys: ["username"], mentions: "BotPasswords"),
        BadOptions(options: ["url": api, "username": .integer(1), "password": .string("x")], keys: ["username"], mentions: "string"),
        BadOptions(options: ["url": api, "namespaces": .integer(0)], keys: ["namespaces"], mentions: "array of integers, found an integer"),
        BadOptions(options: ["url": api, "namespaces": .array([.string("Main")])], keys: ["namespaces"], mentions: "holding a string"),
        BadOptions(options: ["url": api, "namespaces": .array([])], keys: ["namespaces"], mentions: "at least one"),
        BadOptions(options: ["url": api, "namespaces": .array([.integer(-1)])], keys: ["namespaces"], mentions: "0 or more"),
        BadOptions(options: ["url": api, "types": .string("edit")], keys: ["types"], mentions: "array of strings, found a string"),
        BadOptions(options: ["url": api, "types": .array([.string("edits")])], keys: ["types"], mentions: "'edits'"),
        BadOptions(options: ["url": api, "types": .array([.integer(1)])], keys: ["types"], mentions: "holding an integer"),
        BadOptions(options: ["url": api, "hide_bots": .string("yes")], keys: ["hide_bots"], mentions: "boolean"),
        BadOptions(options: ["url": api, "hide_minor": .integer(1)], keys: ["hide_minor"], mentions: "boolean"),
        BadOptions(options: ["url": api, "overlap": .integer(120)], keys: ["overlap"], mentions: "duration"),
        BadOptions(options: ["url": api, "overlap": .string("2 minutes")], keys: ["overlap"], mentions: "duration"),
        BadOptions(options: ["url": api, "overlap": .string("2d")], keys: ["overlap"], mentions: "at most"),
        BadOptions(options: ["url": api, "talk_page_prefix": .bool(true)], keys: ["talk_page_prefix"], mentions: "string"),
        BadOptions(options: ["url": api, "talk_page_prefix": .string(" ")], keys: ["talk_page_prefix"], mentions: "empty"),
    ]

    @Test(arguments: bad)
    func badOptionsAreNamed(_ bad: BadOptions) {
        let problems = Catalog().validateSource(type: "mediawiki", options: bad.options)
        #expect(problems.map(\.key) == bad.keys)
        #expect(problems.contains { $0.message.contains(bad.mentions) }, "\(problems)")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = Catalog().validateSource(type: "mediawiki", options: [
            "url": .string("wiki.example.com"), "types": .array([.string("talk")]), "hide_bots": .string("no"), "colour": .string("red"),
        ])
        #expect(Set(problems.map(\.key)) == ["url", "types", "hide_bots", "colour"])
    }

    @Test func theSampleConfigIsValid() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CrierConnectors/MediaWiki/sample.toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let config = try ConfigLoader.parse(
            text: text, file: "sample.toml", baseDirectory: NSTemporaryDirectory(), catalog: Catalog(),
            environment: ["CRIER_WIKI_PASSWORD": "a-bot-password"])
        let source = try #require(config.sources["wiki"])
        #expect(source.type == "mediawiki")
        #expect(source.options["password"] == .string("a-bot-password"))
        let connector = try Catalog().makeConnector(source, context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
        #expect(connector.host == "wiki.example.com")
        #expect(connector.defaultUpdatePolicy == .reply)
    }
}
