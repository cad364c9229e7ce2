import CrierCore
import Foundation
import Testing

@Suite struct RenderingTests {
    let limits = PostLimits(maxCharacters: 120, charactersPerURL: 23)

    @Test func theDefaultTemplateSeparatesTitleSummaryAndLink() throws {
        let renderer = try PostRenderer(template: DefaultTemplates.item)
        let text = renderer.render(Item(key: "k", fingerprint: "f", title: "Hello", summary: "World & more", link: "https://e.com/a"), sourceId: "s", limits: limits)
        #expect(text == "Hello\n\nWorld & more\n\nhttps://e.com/a")
    }

    @Test func emptyPartsLeaveNoGap() throws {
        let renderer = try PostRenderer(template: DefaultTemplates.item)
        #expect(renderer.render(Item(key: "k", fingerprint: "f", title: "Only a title"), sourceId: "s", limits: limits) == "Only a title")
    }

    @Test func longSummariesAreCutOnAWordAndTheLinkIsKept() throws {
        let renderer = try PostRenderer(template: DefaultTemplates.item)
        let link = "https://example.com/" + String(repeating: "very-long-path/", count: 10)
        let summary = Array(repeating: "lorem ipsum dolor", count: 30).joined(separator: " ")
        let text = renderer.render(Item(key: "k", fingerprint: "f", title: "Title", summary: summary, link: link), sourceId: "s", limits: limits)
        #expect(PostLength(charactersPerURL: 23).count(text) <= 120)
        #expect(text.hasSuffix(link))
        let cut = text.components(separatedBy: "\n\n")[1]
        #expect(cut.hasSuffix("…"))
        let words = Set(["lorem", "ipsum", "dolor"])
        #expect(cut.dropLast().split(separator: " ").allSatisfy { words.contains(String($0)) })
    }

    @Test func lengthCountsGraphemesAndURLsAsTheTargetDoes() {
        let length = PostLength(charactersPerURL: 23)
        #expect(length.count("👩‍👩‍👧 é") == 3)
        #expect(length.count("see https://example.com/" + String(repeating: "x", count: 100)) == 4 + 23)
        #expect(PostLength(charactersPerURL: nil).count("ab https://e.com") == 16)
    }

    @Test func massMentionsAreAlwaysNeutralizedAndOthersByDefault() {
        let mass = TextSanitizer.neutralizeMentions("hi @all and @bob, mail a@b.com", policy: .massOnly)
        #expect(mass == "hi @\u{200B}all and @bob, mail a@b.com")
        let all = TextSanitizer.neutralizeMentions("@here @bob", policy: .neutralizeAll)
        #expect(all == "@\u{200B}here @\u{200B}bob")
    }

    @Test func sourceContentCannotMentionButTheTemplateCan() throws {
        let renderer = try PostRenderer(template: "@ops {{title}}")
        let text = renderer.render(Item(key: "k", fingerprint: "f", title: "@everyone look"), sourceId: "s", limits: limits)
        #expect(text == "@ops @\u{200B}everyone look")
    }

    @Test func controlAndBidiCharactersAreRemoved() {
        #expect(TextSanitizer.stripControls("a\u{0}b\u{202E}c\nd\u{7}") == "abc\nd")
    }

    @Test func templatesAreNotHTMLEscaped() throws {
        let renderer = try PostRenderer(template: "{{title}}")
        #expect(renderer.render(Item(key: "k", fingerprint: "f", title: "Q&A <today>"), sourceId: "s", limits: limits) == "Q&A <today>")
    }

    @Test func aBrokenTemplateIsAnError() {
        #expect(throws: TemplateError.self) { try PostRenderer(template: "{{#open}} never closed") }
    }
}
