@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// Replies are appended to a discussion page in DokuWiki syntax: the calls the wiki receives,
/// the text with attribution and marker, a retry that finds its marker writing nothing, and the
/// echo key of the revision written.
@Suite struct DokuWikiReplyTests {
    /// The item of the `start` page from the first-poll fixture.
    static func startItem(_ wiki: DokuWikiFixture) async throws -> Item {
        wiki.on("wiki.getRecentChanges", try DokuWikiFixture.xml("recent-changes-1.xml"))
        let items = try await DokuWikiHarness.poll(try DokuWikiHarness.connector(wiki.url)).items
        return try #require(items.first { $0.key == "start@1714550400" })
    }

    static let block = """
        ----
        %%Sounds good & thanks%%\\\\
        %%<b>bold</b> [[link]] {{image}} ** %%<nowiki>%%</nowiki>%% literal%%

        %%second paragraph%%

        — %%Erin (@erin)%% [[https://hub.example/@news/42#crier-0123456789abcdef|on the microblog]]

        """

    @Test func aReplyIsAppendedToTheDiscussionPage() async throws {
        try await DokuWikiFixture.with { wiki in
            let item = try await Self.startItem(wiki)
            wiki.on("wiki.getPage", try DokuWikiFixture.xml("getpage-discussion.xml"))
            wiki.on("dokuwiki.appendPage", try DokuWikiFixture.xml("boolean-true.xml"))
            wiki.on("wiki.getPageInfo", try DokuWikiFixture.xml("pageinfo-discussion.xml"))
            let connector = try DokuWikiHarness.connector(wiki.url)

            let text = "Sounds good & thanks\n<b>bold</b> [[link]] {{image}} ** %% literal\n\n\nsecond paragraph"
            let receipt = try await connector.reply(DokuWikiHarness.reply(to: item, text: text), logger: quietLogger)
            #expect(receipt == ReplyReceipt(remoteId: "1714551000", echoKeys: ["rev:discussion:start@1714551000"]))

            #expect(wiki.calls.dropFirst().map(\.method) == ["wiki.getPage", "dokuwiki.appendPage", "wiki.getPageInfo"])
            #expect(wiki.calls("wiki.getPage").first?.params == [.string("discussion:start")])
            let append = try #require(wiki.calls("dokuwiki.appendPage").first)
            #expect(append.params.count == 3)
            #expect(append.params.first == .string("discussion:start"))
            // The page ends with one newline: a blank line separates the reply from it.
            #expect(append.params[1] == .string("\n" + Self.block))
            #expect(append.params[2] == .struct(["sum": .string("Reply from the microblog"), "minor": .bool(false)]))
            #expect(wiki.calls("wiki.getPageInfo").first?.params == [.string("discussion:start")])
        }
    }

    @Test func theNextPollTreatsTheRevisionWrittenAsAnEcho() async throws {
        try await DokuWikiFixture.with { wiki in
            let item = try await Self.startItem(wiki)
            wiki.on("wiki.getPage", .text("<?xml version=\"1.0\"?><methodResponse><params><param><value><string></string></value></param></params></methodResponse>", contentType: "text/xml"))
            wiki.on("dokuwiki.appendPage", try DokuWikiFixture.xml("boolean-true.xml"))
            wiki.on("wiki.getPageInfo", try DokuWikiFixture.xml("pageinfo-discussion.xml"))
            let receipt = try await DokuWikiHarness.connector(wiki.url).reply(DokuWikiHarness.reply(to: item, url: nil), logger: quietLogger)
            let append = try #require(wiki.calls("dokuwiki.appendPage").first)
            guard case .string(let text) = append.params[1] else { Issue.record("no text"); return }
            #expect(text.hasPrefix("----\n"), "an empty page gets no leading blank line")
            #expect(text.hasSuffix("— %%Erin (@erin)%% [[#crier-0123456789abcdef|on the microblog]]\n"))

            // The same revision, as the next poll sees it, carries the receipt's echo key.
            let change = DokuWikiChange(page: "discussion:start", version: 1_714_551_000, author: "crier-bot")
            #expect(DokuWikiItemMapper.item(change, wikiURL: wiki.url).echoKeys == receipt.echoKeys)
        }
    }

    @Test func aReplyWhoseMarkerIsAlreadyThereWritesNothing() async throws {
        try await DokuWikiFixture.with { wiki in
            let item = try await Self.startItem(wiki)
            wiki.on("dokuwiki.login", try DokuWikiFixture.xml("boolean-true.xml", headers: [("Set-Cookie", "DokuWiki=s; path=/")]))
            wiki.on("wiki.getPage", try DokuWikiFixture.xml("getpage-with-marker.xml"))
            wiki.on("wiki.getPageInfo", try DokuWikiFixture.xml("pageinfo-discussion.xml"))
            let ours = try DokuWikiHarness.connector(wiki.url, ["username": .string("crier-bot"), "password": .string("pw")])
            let receipt = try await ours.reply(DokuWikiHarness.reply(to: item), logger: quietLogger)
            #expect(wiki.calls("dokuwiki.appendPage").isEmpty)
            #expect(receipt == ReplyReceipt(remoteId: "1714551000", echoKeys: ["rev:discussion:start@1714551000"]),
                    "the newest revision is by our login: it is the one we wrote")

            // Logged in as someone else, the newest revision is not claimed as Crier's echo.
            let other = try DokuWikiHarness.connector(wiki.url, ["username": .string("other-bot"), "password": .string("pw")])
            #expect(try await other.reply(DokuWikiHarness.reply(to: item), logger: quietLogger).echoKeys.isEmpty)
            #expect(wiki.calls("dokuwiki.appendPage").isEmpty)
        }
    }

    @Test func theDiscussionPageTemplateIsUsed() async throws {
        try await DokuWikiFixture.with { wiki in
            let item = try await Self.startItem(wiki)
            wiki.on("wiki.getPage", try DokuWikiFixture.xml("getpage-discussion.xml"))
            wiki.on("dokuwiki.appendPage", try DokuWikiFixture.xml("boolean-true.xml"))
            wiki.on("wiki.getPageInfo", try DokuWikiFixture.xml("pageinfo-discussion.xml"))
            let connector = try DokuWikiHarness.connector(wiki.url, ["discussion_page": .string("talk:microblog:{page}")])
            _ = try await connector.reply(DokuWikiHarness.reply(to: item), logger: quietLogger)
            #expect(wiki.calls("dokuwiki.appendPage").first?.params.first == .string("talk:microblog:start"))
        }
    }

    @Test func aLockedPageIsTransientAndAnotherFaultPermanent() async throws {
        try await DokuWikiFixture.with { wiki in
            let item = try await Self.startItem(wiki)
            wiki.on("wiki.getPage", try DokuWikiFixture.xml("getpage-discussion.xml"))
            wiki.on("dokuwiki.appendPage", try DokuWikiFixture.xml("fault-page-locked.xml"))
            let connector = try DokuWikiHarness.connector(wiki.url)
            let locked = try await #require(throws: ConnectorError.self) { try await connector.reply(DokuWikiHarness.reply(to: item), logger: quietLogger) }
            #expect(locked.kind == .transient)
            #expect(locked.message.contains("locked"))
            #expect(locked.message.contains(wiki.endpoint))

            wiki.on("dokuwiki.appendPage", DokuWikiFixture.fault(112, "You are not allowed to edit this page", status: 200))
            let refused = try await #require(throws: ConnectorError.self) { try await connector.reply(DokuWikiHarness.reply(to: item), logger: quietLogger) }
            #expect(refused.kind == .permanent)
            #expect(refused.message.contains("not allowed to edit"))
        }
    }

    @Test func anItemWithoutPageCannotBeAnswered() async throws {
        let item = Item(key: "x", fingerprint: "x", title: "t")
        let error = try await #require(throws: ConnectorError.self) {
            try await DokuWikiHarness.connector("http://127.0.0.1:1").reply(DokuWikiHarness.reply(to: item), logger: quietLogger)
        }
        #expect(error.kind == .permanent)
    }

    @Test func replyFormattingKeepsUserTextInert() {
        #expect(DokuWikiReplyFormat.nowiki("a%%b") == "%%a%%<nowiki>%%</nowiki>%%b%%")
        #expect(DokuWikiReplyFormat.nowiki("%%") == "<nowiki>%%</nowiki>")
        #expect(DokuWikiReplyFormat.body("  * not a list\r\n====== not a heading ======") == "%%* not a list%%\\\\\n%%====== not a heading ======%%")
        #expect(DokuWikiReplyFormat.escapeLinkTarget("https://x.example/a b|c]]d") == "https://x.example/a%20b%7Cc%5D%5Dd")
        #expect(DokuWikiReplyFormat.marker("crier-ab<>cd") == "crier-abcd")
        #expect(DokuWikiReplyFormat.marker("<>").hasPrefix("crier-"))
    }
}
