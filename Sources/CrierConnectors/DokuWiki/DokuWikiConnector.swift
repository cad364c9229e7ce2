import CrierCore
import CrierHTTP
import Foundation
import Logging

/// Polls a DokuWiki's recent changes over XML-RPC and appends replies to discussion pages.
///
/// Written against release 2022-07-31 "Igor" (Debian 12), which has only the XML-RPC API.
/// `wiki.getRecentChanges` lists the newest revision of each page changed since a time, so
/// several edits of one page between two polls arrive as one item (the last). See
/// ``DokuWikiCursor`` for how polls overlap without repeating items.
struct DokuWikiConnector: Connector {
    let options: DokuWikiOptions
    let rpc: DokuWikiRPC
    /// The clock, only used to pick the start of the very first poll.
    let now: @Sendable () -> Date

    /// How far back the first poll looks: DokuWiki keeps `recent_days` (7 by default) of changes.
    static let firstPollLookback = 7 * 86_400
    /// The fault DokuWiki gives for an empty result ("There are no changes in the specified timeframe").
    static let noChanges = 321
    /// The edit summary of a reply.
    static let replySummary = "Reply from the microblog"

    init(options: DokuWikiOptions, http: HTTPClient, now: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.rpc = DokuWikiRPC(endpoint: options.endpoint, http: http, username: options.username, password: options.password)
        self.now = now
    }

    var host: String { URL(string: options.url)?.host ?? "local" }
    /// Later revisions of a page answer under the page's first post.
    var defaultUpdatePolicy: UpdatePolicy { .reply }

    func poll(_ request: PollRequest, logger: Logger) async throws -> PollResult {
        let cursor: DokuWikiCursor?
        do {
            cursor = try DokuWikiCursor.decode(request.cursor)
        } catch {
            throw ConnectorError(.permanent, "unreadable cursor for \(options.url): \(error)")
        }
        let overlap = Int(options.overlap.components.seconds)
        // The API insists on exactly ten digits.
        let since = max(cursor.map { $0.newest - overlap } ?? Int(now().timeIntervalSince1970) - Self.firstPollLookback, 1_000_000_000)
        let rows: [XMLRPCValue]
        do {
            let answer = try await rpc.call("wiki.getRecentChanges", [.int(since)], passing: [Self.noChanges])
            guard let array = answer.arrayValue else {
                throw ConnectorError(.permanent, "wiki.getRecentChanges: \(rpc.endpoint) answered no array")
            }
            rows = array
        } catch is XMLRPCFault {
            rows = []
        }
        var warnings: [String] = []
        let changes = rows.compactMap { row -> DokuWikiChange? in
            guard let change = DokuWikiChange(row) else {
                warnings.append("a recent change without page name or version was skipped")
                return nil
            }
            return change
        }.sorted { ($0.version, $0.page) < ($1.version, $1.page) }

        let seen = Set(cursor?.seen ?? [])
        var returned = Set<String>()
        var items: [Item] = []
        var newest = cursor?.newest ?? since + overlap
        for change in changes {
            newest = max(newest, change.version)
            let key = DokuWikiCursor.key(page: change.page, version: change.version)
            guard !seen.contains(key), options.includes(page: change.page), returned.insert(key).inserted else { continue }
            items.append(DokuWikiItemMapper.item(change, wikiURL: options.url))
        }
        logger.debug("dokuwiki poll", metadata: ["dokuwiki.since": "\(since)", "dokuwiki.rows": "\(rows.count)", "dokuwiki.items": "\(items.count)"])
        let windowStart = newest - overlap
        let keep = seen.union(returned).filter { key in
            key.split(separator: "@").last.flatMap { Int($0) }.map { $0 >= windowStart } ?? false
        }
        let next = DokuWikiCursor(newest: newest, seen: keep.sorted())
        return PollResult(items: items, isCompleteWindow: false, cursor: next.encoded, warnings: Array(Set(warnings)))
    }

    /// Appends the reply to the discussion page unless a retry finds its marker already there.
    ///
    /// `dokuwiki.appendPage` rather than `wiki.putPage`: the server reads and extends the current
    /// text itself, so an edit someone saves between our read and our write is never overwritten.
    func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt {
        guard let source = request.item.fields["page"], !source.isEmpty else {
            throw ConnectorError(.permanent, "the item \(request.item.key) names no DokuWiki page to reply to")
        }
        let page = options.discussionPage(for: source)
        let current = try await rpc.call("wiki.getPage", [.string(page)]).stringValue ?? ""
        if current.contains(DokuWikiReplyFormat.marker(request.marker)) {
            logger.info("reply already on the discussion page", metadata: ["dokuwiki.page": "\(page)"])
            return try await receipt(page: page, ifWrittenByUs: true)
        }
        let separator = current.isEmpty || current.hasSuffix("\n\n") ? "" : current.hasSuffix("\n") ? "\n" : "\n\n"
        let attributes: XMLRPCValue = .struct(["sum": .string(Self.replySummary), "minor": .bool(false)])
        _ = try await rpc.call("dokuwiki.appendPage", [.string(page), .string(separator + DokuWikiReplyFormat.block(request)), attributes])
        return try await receipt(page: page, ifWrittenByUs: false)
    }

    /// The page's current revision as the receipt. After a write it is ours; when the marker was
    /// found instead, it is claimed only if its author is our login, so that a later edit by
    /// someone else is never mistaken for Crier's echo.
    private func receipt(page: String, ifWrittenByUs check: Bool) async throws -> ReplyReceipt {
        let info = try await rpc.call("wiki.getPageInfo", [.string(page)])
        guard let version = info["version"]?.intValue else {
            throw ConnectorError(.permanent, "wiki.getPageInfo: \(rpc.endpoint) gave no version for \(page)")
        }
        let name = info["name"]?.stringValue ?? page
        if check && (options.username == nil || info["author"]?.stringValue != options.username) {
            return ReplyReceipt(remoteId: String(version), echoKeys: [])
        }
        return ReplyReceipt(remoteId: String(version), echoKeys: ["rev:\(DokuWikiCursor.key(page: name, version: version))"])
    }
}
