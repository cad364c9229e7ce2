@testable import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The options of a `dokuwiki` source: every bad key named at once, the documented defaults,
/// and the sample config in the connector's folder valid.
@Suite struct DokuWikiOptionsTests {
    static let url = ConfigValue.string("https://wiki.example.com/dokuwiki")

    @Test func minimalOptionsAreValidAndTakeTheDefaults() {
        #expect(Catalog().validateSource(type: "dokuwiki", options: ["url": Self.url]).isEmpty)
        let options = DokuWikiOptions(options: ["url": .string("https://wiki.example.com/dokuwiki/")])
        #expect(options.url == "https://wiki.example.com/dokuwiki")
        #expect(options.endpoint == "https://wiki.example.com/dokuwiki/lib/exe/xmlrpc.php")
        #expect(options.username == nil && options.password == nil)
        #expect(options.namespaces.isEmpty)
        #expect(options.includes(page: "anything:at:all"))
        #expect(options.discussionPage(for: "wiki:syntax") == "discussion:wiki:syntax")
        #expect(options.overlap == .seconds(60))
    }

    @Test func everyOptionIsRead() {
        let values: [String: ConfigValue] = [
            "url": Self.url, "username": .string("crier-bot"), "password": .string("pw"),
            "namespaces": .array([.string("Ops:"), .string("dev")]), "discussion_page": .string("talk:{page}"), "overlap": .string("5m"),
        ]
        #expect(Catalog().validateSource(type: "dokuwiki", options: values).isEmpty)
        let options = DokuWikiOptions(options: values)
        #expect(options.username == "crier-bot")
        #expect(options.password == "pw")
        #expect(options.namespaces == ["ops", "dev"])
        #expect(options.includes(page: "ops"))
        #expect(options.includes(page: "ops:runbooks:db"))
        #expect(!options.includes(page: "opsx:page"))
        #expect(!options.includes(page: "start"))
        #expect(options.discussionPage(for: "ops:db") == "talk:ops:db")
        #expect(options.overlap == .seconds(300))
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
        BadOptions(options: ["url": .bool(true)], keys: ["url"], mentions: "string"),
        BadOptions(options: ["url": .string("wiki.example.com")], keys: ["url"], mentions: "http"),
        BadOptions(options: ["url": .string("https://wiki.example.com/doku.php?id=start")], keys: ["url"], mentions: "query"),
        BadOptions(options: ["url": url, "namespace": .array([])], keys: ["namespace"], mentions: "unknown key 'namespace'"),
        BadOptions(options: ["url": url, "namespaces": .string("wiki")], keys: ["namespaces"], mentions: "array"),
        BadOptions(options: ["url": url, "namespaces": .array([.string(":")])], keys: ["namespaces"], mentions: "empty"),
        BadOptions(options: ["url": url, "namespaces": .array([.string("my wiki")])], keys: ["namespaces"], mentions: "whitespace"),
        BadOptions(options: ["url": url, "username": .string("bot")], keys: ["username"], mentions: "password_file"),
        BadOptions(options: ["url": url, "password": .string("pw")], keys: ["password"], mentions: "username"),
        BadOptions(options: ["url": url, "username": .integer(1), "password": .string("pw")], keys: ["username"], mentions: "string"),
        BadOptions(options: ["url": url, "discussion_page": .string(" ")], keys: ["discussion_page"], mentions: "empty"),
        BadOptions(options: ["url": url, "discussion_page": .array([])], keys: ["discussion_page"], mentions: "string"),
        BadOptions(options: ["url": url, "overlap": .string("1 minute")], keys: ["overlap"], mentions: "duration"),
        BadOptions(options: ["url": url, "overlap": .string("2d")], keys: ["overlap"], mentions: "at most"),
        BadOptions(options: ["url": url, "token": .string("jwt")], keys: ["token"], mentions: "unknown key 'token'"),
    ]

    @Test(arguments: bad)
    func badOptionsAreNamed(_ bad: BadOptions) {
        let problems = Catalog().validateSource(type: "dokuwiki", options: bad.options)
        #expect(problems.map(\.key) == bad.keys)
        #expect(problems.allSatisfy { $0.message.contains(bad.mentions) }, "\(problems.map(\.message))")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = Catalog().validateSource(type: "dokuwiki", options: [
            "namespaces": .integer(1), "password": .string("p"), "overlap": .bool(true), "discussion_page": .integer(2), "extra": .bool(true),
        ])
        #expect(Set(problems.map(\.key)) == ["extra", "url", "namespaces", "password", "overlap", "discussion_page"])
    }

    @Test func theSampleConfigIsValid() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CrierConnectors/DokuWiki/sample.toml").path
        let config = try ConfigLoader.parse(
            text: try String(contentsOfFile: path, encoding: .utf8), file: "sample.toml", baseDirectory: NSTemporaryDirectory(),
            catalog: Catalog(), environment: ["CRIER_DOKUWIKI_PASSWORD": "a-password"])
        let source = try #require(config.sources["dokuwiki"])
        #expect(source.type == "dokuwiki")
        #expect(source.options["password"] == .string("a-password"))
        let connector = try Catalog().makeConnector(source, context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
        #expect(connector.host == "wiki.example.com")
        #expect(connector.defaultUpdatePolicy == .reply)
    }
}
