@testable import CrierConnectors
import CrierCore
import Foundation
import Testing

/// The `mediawiki` connector against a real MediaWiki 1.39 (see `Support/MediaWikiInstance.swift`):
/// polling the change log with a cursor, the filters, and replies on talk pages.
///
/// The wiki is shared by every test of the process, so each test makes changes on pages with
/// titles of its own, starts from a baseline poll taken before its changes, and looks only at the
/// items of its pages. The suite runs serialized so that one test's changes never fall into
/// another's page-bounded reads.
@Suite(.serialized) struct MediaWikiConnectorTests {
    /// The items of `result` about one of `pages`, in the order returned.
    func items(_ result: PollResult, on pages: String...) -> [Item] {
        result.items.filter { pages.contains($0.fields["page"] ?? "") }
    }

    func poll(_ connector: any Connector, _ cursor: String?) async throws -> PollResult {
        try await connector.poll(PollRequest(cursor: cursor, validators: .init()), logger: quietLogger)
    }

    /// A baseline cursor: what the engine stores after the source's first poll.
    func baseline(_ connector: any Connector) async throws -> String {
        try #require(try await poll(connector, nil).cursor)
    }

    func reply(_ connector: any Connector, to item: Item, _ text: String, marker: String) async throws -> ReplyReceipt {
        try await connector.reply(
            ReplyRequest(item: item, author: ReplyAuthor(displayName: "Alice Example", handle: "alice"), text: text,
                         url: "https://hub.example/@alice/1", marker: marker),
            logger: quietLogger)
    }

    @Test func pollingReturnsChangesOldestFirstWithTheirDetails() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let page = uniqueTitle("Poll details")
        let first = try await wiki.edit(page, text: "Hello wiki.", summary: "Start the page")
        let second = try await wiki.edit(page, text: "Hello wiki, with more words.", summary: "Add words")
        let third = try await wiki.edit(page, text: "Hello.", summary: "Trim")

        let result = try await poll(connector, cursor)
        #expect(!result.isCompleteWindow)
        let rcids = result.items.map { Int($0.key.dropFirst(3))! }
        #expect(rcids == rcids.sorted(), "oldest first")
        let mine = items(result, on: page)
        try #require(mine.count == 3)
        #expect(mine.map(\.fields["type"]) == ["new", "edit", "edit"])
        #expect(mine.map(\.title) == ["\(page) created by Admin", "\(page) edited by Admin", "\(page) edited by Admin"])
        #expect(mine.map(\.summary) == ["Start the page", "Add words", "Trim"])
        #expect(mine.map(\.fields["size_delta"]) == ["+11", "+17", "-22"])
        #expect(mine.map(\.author) == ["Admin", "Admin", "Admin"])
        #expect(mine.map(\.fields["revid"]) == [String(first), String(second), String(third)])
        #expect(mine.map(\.echoKeys) == [["rev:\(first)"], ["rev:\(second)"], ["rev:\(third)"]])
        #expect(mine[0].link == "\(wiki.indexURL)?oldid=\(first)")
        #expect(mine[1].link == "\(wiki.indexURL)?diff=\(second)&oldid=\(first)")
        #expect(mine[2].link == "\(wiki.indexURL)?diff=\(third)&oldid=\(second)")
        #expect(mine.allSatisfy { $0.key.hasPrefix("rc:") && $0.published != nil && $0.fields["namespace"] == "0" })
        #expect(Set(mine.map(\.key)).count == 3)
    }

    @Test func theCursorReturnsEveryChangeOnce() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let (a, b) = (uniqueTitle("Cursor A"), uniqueTitle("Cursor B"))
        try await wiki.edit(a, text: "one", summary: "a1")
        try await wiki.edit(b, text: "two", summary: "b1")
        try await wiki.edit(a, text: "three", summary: "a2")

        let firstPoll = try await poll(connector, cursor)
        #expect(items(firstPoll, on: a, b).map(\.summary) == ["a1", "b1", "a2"])

        try await wiki.edit(b, text: "four", summary: "b2")
        try await wiki.edit(a, text: "five", summary: "a3")
        // The default overlap (2m) reads the first three again; the cursor keeps them out.
        let secondPoll = try await poll(connector, firstPoll.cursor)
        #expect(items(secondPoll, on: a, b).map(\.summary) == ["b2", "a3"])

        let thirdPoll = try await poll(connector, secondPoll.cursor)
        #expect(items(thirdPoll, on: a, b).isEmpty)
    }

    @Test func editsOfOnePageShareAThread() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let (a, b) = (uniqueTitle("Thread A"), uniqueTitle("Thread B"))
        try await wiki.edit(a, text: "one", summary: "a1")
        try await wiki.edit(b, text: "one", summary: "b1")
        try await wiki.edit(a, text: "two", summary: "a2")

        let mine = items(try await poll(connector, cursor), on: a, b)
        #expect(mine.map(\.threadKey) == ["page:\(a)", "page:\(b)", "page:\(a)"])
    }

    @Test func namespacesTypesAndMinorEditsFilter() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let all = try wiki.connector(["types": .array([.string("edit"), .string("new"), .string("log")])])
        let project = try wiki.connector(["namespaces": .array([.integer(4)])])
        let logs = try wiki.connector(["types": .array([.string("log")])])
        let noMinor = try wiki.connector(["hide_minor": .bool(true)])
        let cursors = (all: try await baseline(all), project: try await baseline(project), logs: try await baseline(logs), noMinor: try await baseline(noMinor))

        let main = uniqueTitle("Filter main")
        let projectPage = "Project:" + uniqueTitle("Filter project")
        let projectTitle = "TestWiki:" + projectPage.dropFirst("Project:".count)
        try await wiki.edit(main, text: "main", summary: "main edit")
        try await wiki.edit(main, text: "main, minor", summary: "minor edit", minor: true)
        try await wiki.edit(projectPage, text: "project", summary: "project edit")
        try await wiki.move(main, to: main + " moved", reason: "rename")

        let everything = items(try await poll(all, cursors.all), on: main, projectTitle)
        #expect(everything.map(\.summary) == ["main edit", "minor edit", "project edit", "rename"])
        #expect(everything.last?.fields["type"] == "log")
        #expect(everything.last?.title == "\(main) moved to \(main) moved by Admin")
        #expect(everything.last?.fields["logtype"] == "move")

        let inProject = try await poll(project, cursors.project)
        #expect(inProject.items.allSatisfy { $0.fields["namespace"] == "4" })
        #expect(items(inProject, on: main, projectTitle).map(\.summary) == ["project edit"])

        let logEntries = try await poll(logs, cursors.logs)
        #expect(logEntries.items.allSatisfy { $0.fields["type"] == "log" })
        #expect(items(logEntries, on: main, projectTitle).map(\.summary) == ["rename"])

        #expect(items(try await poll(noMinor, cursors.noMinor), on: main, projectTitle).map(\.summary) == ["main edit", "project edit"])
    }

    @Test func theBotsOwnEditsAreNotReturned() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        // Even with bot edits shown, the bot account's own edits stay out.
        let connector = try wiki.connector(["hide_bots": .bool(false)])
        let cursor = try await baseline(connector)
        let page = uniqueTitle("Bot echo")
        try await wiki.edit(page, text: "content", summary: "by Admin")
        let item = try #require(items(try await poll(connector, cursor), on: page).first)
        let receipt = try await reply(connector, to: item, "A reply", marker: "echo-1")
        #expect(try await wiki.latestRevision("Talk:\(page)").map(String.init) == receipt.remoteId)

        let result = try await poll(connector, cursor)
        #expect(items(result, on: page).map(\.summary) == ["by Admin"])
        #expect(items(result, on: "Talk:\(page)").isEmpty)
        #expect(!result.items.contains { $0.author == "BridgeBot" })
    }

    @Test func aReplyCreatesATalkPageSection() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let page = uniqueTitle("Reply target")
        try await wiki.edit(page, text: "content", summary: "create")
        let item = try #require(items(try await poll(connector, cursor), on: page).first)

        let receipt = try await reply(connector, to: item, "Looks good to me", marker: "reply-1")
        let latest = try #require(try await wiki.latestRevision("Talk:\(page)"))
        #expect(receipt == ReplyReceipt(remoteId: String(latest), echoKeys: ["rev:\(latest)"]))
        let text = try #require(try await wiki.wikitext("Talk:\(page)"))
        #expect(text.hasPrefix("== Microblog discussion =="))
        #expect(text.contains("Looks good to me"))
        #expect(text.contains("Alice Example (@alice) [https://hub.example/@alice/1 on the microblog]"))
        #expect(text.contains("<!-- crier:reply-1 -->"))
    }

    @Test func aSecondReplyGoesIntoTheSameSection() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let page = uniqueTitle("Two replies")
        try await wiki.edit(page, text: "content", summary: "create")
        let item = try #require(items(try await poll(connector, cursor), on: page).first)

        let first = try await reply(connector, to: item, "First answer", marker: "two-1")
        let second = try await reply(connector, to: item, "Second answer", marker: "two-2")
        #expect(first.remoteId != second.remoteId)
        let text = try #require(try await wiki.wikitext("Talk:\(page)"))
        #expect(text.components(separatedBy: "== Microblog discussion ==").count == 2, "one section")
        let firstAt = try #require(text.range(of: "First answer"))
        let secondAt = try #require(text.range(of: "Second answer"))
        #expect(firstAt.lowerBound < secondAt.lowerBound)
    }

    @Test func theSameMarkerIsWrittenOnce() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let page = uniqueTitle("Retried reply")
        try await wiki.edit(page, text: "content", summary: "create")
        let item = try #require(items(try await poll(connector, cursor), on: page).first)

        let first = try await reply(connector, to: item, "Only once", marker: "retry-1")
        // A retry after a crash: the engine asks again with the same marker.
        let again = try await reply(connector, to: item, "Only once", marker: "retry-1")
        #expect(again == first)
        let text = try #require(try await wiki.wikitext("Talk:\(page)"))
        #expect(text.components(separatedBy: "<!-- crier:retry-1 -->").count == 2)
        #expect(text.components(separatedBy: "Only once").count == 2)
    }

    @Test func aReplyOutsideTheMainNamespaceGoesToItsTalkNamespace() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector()
        let cursor = try await baseline(connector)
        let name = uniqueTitle("Namespaced")
        try await wiki.edit("Project:" + name, text: "content", summary: "create")
        let item = try #require(items(try await poll(connector, cursor), on: "TestWiki:" + name).first)

        let receipt = try await reply(connector, to: item, "About the project page", marker: "ns-1")
        #expect(try await wiki.latestRevision("Project talk:" + name).map(String.init) == receipt.remoteId)
        #expect(try await wiki.wikitext("Project talk:" + name)?.contains("<!-- crier:ns-1 -->") == true)
    }

    @Test func aWrongBotPasswordIsPermanent() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        let connector = try wiki.connector(["password": .string("not-the-bot-password")])
        let error = try await #require(throws: ConnectorError.self) { try await poll(connector, nil) }
        #expect(error.kind == .permanent)
        #expect(error.message.contains("BridgeBot@bridge"))
        #expect(!error.message.contains("not-the-bot-password"))
    }

    @Test func pollsReadABoundedNumberOfPagesAndResume() async throws {
        let wiki = try await MediaWikiInstance.shared.wiki()
        var options = try #require(wiki.connectorOptions(["overlap": .string("0s")]))
        options.namespaces = [0]
        let connector = MediaWikiConnector(
            options: options, http: sharedHTTP, limits: RecentChangesReader.Limits(firstPollSize: 3, pageSize: 2, maxPages: 2))
        let page = uniqueTitle("Paged")
        for n in 1...3 { try await wiki.edit(page, text: "version \(n)", summary: "early \(n)") }
        let first = try await poll(connector, nil)
        #expect(first.items.count == 3, "the first poll reads only the newest changes")
        #expect(items(first, on: page).map(\.summary) == ["early 1", "early 2", "early 3"])

        for n in 1...7 { try await wiki.edit(page, text: "later \(n)", summary: "later \(n)") }
        var cursor = first.cursor
        var summaries: [String] = []
        var polls = 0
        repeat {
            let result = try await poll(connector, cursor)
            summaries += items(result, on: page).map(\.summary)
            cursor = result.cursor
            polls += 1
        } while MediaWikiCursor(stored: cursor)?.resume != nil && polls < 10
        #expect(polls >= 2, "seven changes in pages of two, four pages a poll")
        #expect(summaries == (1...7).map { "later \($0)" })
    }
}

extension TestWiki {
    /// The options a Catalog-built connector would get, for tests that build the connector directly.
    func connectorOptions(_ extra: [String: ConfigValue]) -> MediaWikiOptions? {
        var options: [String: ConfigValue] = ["url": .string(apiURL), "username": .string(Self.botUser), "password": .string(botPassword)]
        options.merge(extra) { _, new in new }
        return Catalog().validateSource(type: "mediawiki", options: options).isEmpty ? MediaWikiOptions(options: options) : nil
    }
}
