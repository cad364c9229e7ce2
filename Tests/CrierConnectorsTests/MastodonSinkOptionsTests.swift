import CrierConnectors
import CrierCore
import Testing

/// The options of `hub` and `mastodon` sinks as `Catalog.validateSink` checks them: a Mastodon sink
/// needs an http(s) `url`, the hub takes none, `max_characters` is an integer of at least 50, and
/// only Mastodon groups need a token of their own.
@Suite struct MastodonSinkOptionsTests {
    @Test func goodOptionsPass() {
        let catalog = Catalog()
        #expect(catalog.validateSink(type: "hub", options: [:]).isEmpty)
        #expect(catalog.validateSink(type: "hub", options: ["max_characters": .integer(1000)]).isEmpty)
        #expect(catalog.validateSink(type: "mastodon", options: ["url": .string("https://social.example")]).isEmpty)
    }

    @Test func badOptionsAreNamed() {
        let catalog = Catalog()
        #expect(catalog.validateSink(type: "mastodon", options: [:]).map(\.key) == ["url"])
        #expect(catalog.validateSink(type: "mastodon", options: ["url": .string("social.example")]).map(\.key) == ["url"])
        #expect(catalog.validateSink(type: "hub", options: ["url": .string("https://social.example")]).map(\.key) == ["url"])
        #expect(catalog.validateSink(type: "hub", options: ["max_characters": .integer(10)]).map(\.key) == ["max_characters"])
        #expect(catalog.validateSink(type: "hub", options: ["max_characters": .string("500")]).map(\.key) == ["max_characters"])
        #expect(catalog.validateSink(type: "matrix", options: [:]).map(\.key) == ["type"])
    }

    @Test func onlyMastodonGroupsNeedATokenOfTheirOwn() {
        #expect(Catalog().sinkNeedsGroupToken(type: "mastodon"))
        #expect(!Catalog().sinkNeedsGroupToken(type: "hub"))
    }
}
