import CrierCore
import CrierHTTP
import Foundation
import Logging

/// Polls a Confluence site (Server/DC or Cloud, REST v1) for new and changed pages, blog posts
/// and comments with CQL, and writes replies as page comments.
///
/// The first poll takes only the newest page of results (newest first, no date filter) as the
/// baseline; later polls ask for everything modified since the newest change seen, oldest
/// first, following `_links.next` for at most ``maxPagesPerPoll`` pages (the rest comes next
/// poll, since the cursor only advances over what was read). See ``ConfluenceCursor``.
struct ConfluenceConnector: Connector {
    let options: ConfluenceOptions
    let api: ConfluenceAPI

    static let maxPagesPerPoll = 10
    /// Comments read per page when looking for a reply's marker, and pages of them read at most.
    static let commentPageSize = 100
    static let maxCommentPages = 20

    init(options: ConfluenceOptions, http: HTTPClient) {
        self.options = options
        self.api = ConfluenceAPI(baseURL: options.url, auth: options.auth, http: http)
    }

    var host: String { URL(string: options.url)?.host ?? "local" }
    /// Later versions and comments answer under the page's first post.
    var defaultUpdatePolicy: UpdatePolicy { .reply }

    func poll(_ request: PollRequest, logger: Logger) async throws -> PollResult {
        let cursor: ConfluenceCursor?
        do {
            cursor = try ConfluenceCursor.decode(request.cursor)
        } catch {
            throw ConnectorError(.permanent, "unreadable cursor for \(options.url): \(error)")
        }
        var since: String?
        if let cursor, let newest = ConfluenceTime.parse(cursor.newest) {
            let start = ConfluenceTime.floorToMinute(newest.date.addingTimeInterval(-Self.seconds(options.overlap)))
            since = ConfluenceTime.cqlLiteral(start, offset: newest.offset)
        }
        let cql = ConfluenceQuery.cql(types: options.types, spaces: options.spaces, since: since, newestFirst: cursor == nil)
        var url = ConfluenceQuery.searchURL(base: options.url, cql: cql)
        var contents: [ConfluenceModel.Content] = []
        var siteURL: String?
        for page in 1...Self.maxPagesPerPoll {
            let answer = try await api.get(url, as: ConfluenceModel.Page.self)
            contents += answer.results
            siteURL = siteURL ?? answer._links?.base
            // The first poll is a baseline: one page of the newest changes is enough.
            guard cursor != nil, let next = answer._links?.next, !answer.results.isEmpty else { break }
            if page == Self.maxPagesPerPoll {
                logger.info("confluence poll stopped at the page limit; the rest follows next poll", metadata: ["confluence.results": "\(contents.count)"])
                break
            }
            url = try api.resolve(next)
        }
        return Self.result(
            contents: cursor == nil ? contents.reversed() : contents, cursor: cursor,
            overlap: Self.seconds(options.overlap), siteURL: Self.trimmed(siteURL ?? options.url))
    }

    /// Maps results to items, dropping repeats, and computes the next cursor. Pure.
    static func result(
        contents: [ConfluenceModel.Content], cursor: ConfluenceCursor?, overlap: TimeInterval, siteURL: String
    ) -> PollResult {
        var seen = cursor?.seen ?? [:]
        var newest = cursor.flatMap { c in ConfluenceTime.parse(c.newest).map { (text: c.newest, date: $0.date) } }
        var items: [Item] = []
        var warnings: [String] = []
        for content in contents {
            guard let item = ConfluenceItemMapper.item(content, siteURL: siteURL),
                  let whenText = content.version?.when, let when = ConfluenceTime.parse(whenText)?.date else {
                warnings.append("a result without version number or time was skipped")
                continue
            }
            if newest.map({ when > $0.date }) ?? true { newest = (whenText, when) }
            guard seen[item.key] == nil else { continue }
            seen[item.key] = ConfluenceCursor.milliseconds(when)
            items.append(item)
        }
        // Oldest first; the order of the search is kept among equal times.
        items = items.enumerated().sorted { a, b in
            let (x, y) = (a.element.published ?? .distantPast, b.element.published ?? .distantPast)
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
        guard let newest else {
            return PollResult(items: items, isCompleteWindow: false, cursor: cursor?.encoded, warnings: Array(Set(warnings)))
        }
        // Keep what the next query (from the minute of newest − overlap) can return again.
        let keepFrom = ConfluenceCursor.milliseconds(ConfluenceTime.floorToMinute(newest.date.addingTimeInterval(-overlap)))
        let next = ConfluenceCursor(newest: newest.text, seen: seen.filter { $0.value >= keepFrom })
        return PollResult(items: items, isCompleteWindow: false, cursor: next.encoded, warnings: Array(Set(warnings)))
    }

    /// A configuration duration as seconds, for date arithmetic.
    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// `url` without trailing slashes, so that paths starting with `/` append cleanly.
    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
