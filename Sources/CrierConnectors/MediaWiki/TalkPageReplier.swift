import CrierCore
import Foundation
import Logging
import Synchronization

/// Writes microblog replies into the talk page of the wiki page an item is about.
///
/// All replies to a page go into one section, `Microblog discussion`, created by the first. Each
/// reply ends with its marker as an HTML comment (`<!-- crier:MARKER -->`); the talk page is read
/// first, and a reply whose marker is already there is not written again, so a retry after a
/// crash never duplicates one (the edit API itself has no idempotency). Replies of one source are
/// written one at a time.
final class TalkPageReplier: Sendable {
    static let sectionTitle = "Microblog discussion"

    let options: MediaWikiOptions
    let session: MediaWikiSession
    private let namespaces = Mutex<NamespaceTable?>(nil)
    private let gate = MediaWikiSerialGate()

    init(options: MediaWikiOptions, session: MediaWikiSession) {
        self.options = options
        self.session = session
    }

    func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt {
        guard options.credentials != nil else {
            throw ConnectorError(.permanent, "replies need a bot password: set username and password_file (or password_env)")
        }
        let talk = try await talkPage(for: request.item)
        return try await gate.run {
            try await write(request, on: talk, logger: logger)
        }
    }

    /// The HTML comment that marks a reply; `--` cannot end a comment early.
    static func markerComment(_ marker: String) -> String {
        var safe = marker.replacingOccurrences(of: ">", with: "")
        while safe.contains("--") { safe = safe.replacingOccurrences(of: "--", with: "-") }
        return "<!-- crier:\(safe) -->"
    }

    private func write(_ request: ReplyRequest, on talk: String, logger: Logger) async throws -> ReplyReceipt {
        let marker = Self.markerComment(request.marker)
        let current = try await currentRevision(of: talk)
        if let current, current.content.contains(marker) {
            logger.debug("reply already on the talk page", metadata: ["mediawiki.page": "\(talk)", "mediawiki.revid": "\(current.revid)"])
            return ReplyReceipt(remoteId: String(current.revid), echoKeys: ["rev:\(current.revid)"])
        }
        let text = ReplyFormat.wikitext.attributed(request) + " " + marker
        var parameters: [(String, String)] = [
            ("action", "edit"), ("title", talk), ("bot", "1"), ("summary", Self.summary(request.author)),
        ]
        if current != nil, let section = try await sectionIndex(on: talk) {
            parameters += [("section", section), ("appendtext", "\n\n" + text)]
        } else {
            parameters += [("section", "new"), ("sectiontitle", Self.sectionTitle), ("text", text)]
        }
        let answer = try await session.write(EditAnswer.self, parameters, doing: "replying on \(talk)")
        guard answer.edit.result == "Success", let revid = answer.edit.newrevid else {
            throw ConnectorError(.permanent, "replying on \(talk): the wiki refused the edit (\(answer.edit.result))")
        }
        return ReplyReceipt(remoteId: String(revid), echoKeys: ["rev:\(revid)"])
    }

    private func talkPage(for item: Item) async throws -> String {
        let title = item.fields["page"] ?? item.threadKey.flatMap { $0.hasPrefix("page:") ? String($0.dropFirst(5)) : nil }
        guard let title, !title.isEmpty else {
            throw ConnectorError(.permanent, "item \(item.key) names no wiki page to reply on")
        }
        if let prefix = options.talkPagePrefix { return prefix + title }
        let namespace = item.fields["namespace"].flatMap { Int($0) } ?? 0
        if namespace == 0 { return "Talk:\(title)" }
        return try await namespaceTable().talkPage(of: title, namespace: namespace)
    }

    private func namespaceTable() async throws -> NamespaceTable {
        if let table = namespaces.withLock({ $0 }) { return table }
        let table = try await NamespaceTable.fetch(from: session)
        namespaces.withLock { $0 = table }
        return table
    }

    /// The newest revision of the talk page, `nil` when the page does not exist yet.
    private func currentRevision(of talk: String) async throws -> (revid: Int, content: String)? {
        let answer = try await session.read(RevisionsAnswer.self, [
            ("action", "query"), ("prop", "revisions"), ("titles", talk), ("rvprop", "content|ids"), ("rvslots", "main"),
        ], doing: "reading \(talk)")
        guard let page = answer.query?.pages.first else { return nil }
        if page.invalid == true {
            throw ConnectorError(.permanent, "'\(talk)' is not a valid page title: \(page.invalidreason ?? "")")
        }
        guard page.missing != true, let revision = page.revisions?.first else { return nil }
        return (revision.revid, revision.slots?.main.content ?? "")
    }

    /// The index of the page's own `Microblog discussion` section, `nil` when it has none.
    private func sectionIndex(on talk: String) async throws -> String? {
        let answer = try await session.read(ParseAnswer.self, [("action", "parse"), ("prop", "sections"), ("page", talk)], doing: "reading the sections of \(talk)")
        let section = answer.parse.sections.first { section in
            // Sections transcluded from other pages have indexes like "T-1"; only the page's own count.
            section.line == Self.sectionTitle && !section.index.isEmpty && section.index.allSatisfy(\.isNumber)
        }
        return section?.index
    }

    /// `Reply from the microblog by Alice (@alice)`, without markup that summaries render.
    static func summary(_ author: ReplyAuthor) -> String {
        let who = author.displayName.isEmpty ? "@\(author.handle)" : "\(author.displayName) (@\(author.handle))"
        let plain = who.filter { !"[]{}<>\n\r".contains($0) }
        return "Reply from the microblog by " + String(plain.prefix(200))
    }
}

/// `prop=revisions&rvprop=content|ids&rvslots=main` with `formatversion=2`.
private struct RevisionsAnswer: Decodable, Sendable {
    struct Query: Decodable, Sendable { var pages: [Page] }
    struct Page: Decodable, Sendable {
        var missing: Bool?
        var invalid: Bool?
        var invalidreason: String?
        var revisions: [Revision]?
    }
    struct Revision: Decodable, Sendable {
        var revid: Int
        var slots: Slots?
    }
    struct Slots: Decodable, Sendable { var main: Slot }
    struct Slot: Decodable, Sendable { var content: String? }
    var query: Query?
}

/// `action=parse&prop=sections` with `formatversion=2`.
private struct ParseAnswer: Decodable, Sendable {
    struct Parse: Decodable, Sendable { var sections: [Section] }
    struct Section: Decodable, Sendable {
        var line: String
        var index: String
    }
    var parse: Parse
}

/// `action=edit`: `Success` with the new revision id, or `Failure` (a captcha, a spam filter).
private struct EditAnswer: Decodable, Sendable {
    struct Edit: Decodable, Sendable {
        var result: String
        var newrevid: Int?
    }
    var edit: Edit
}
