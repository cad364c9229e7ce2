import CrierCore
import CrierHTTP
import Logging

/// Polls a MediaWiki's change log and writes microblog replies into talk pages.
///
/// Each recent change (an edit, a new page, a log action) is one item keyed by its rcid and
/// threaded by page, so later edits of a page answer its first post (`updates = "reply"` by
/// default). The change log is a log, not a window: nothing departs when it is absent from a poll.
/// See `README.md` in this folder for the options and how the cursor works.
struct MediaWikiConnector: Connector {
    let options: MediaWikiOptions
    private let reader: RecentChangesReader
    private let replier: TalkPageReplier

    init(options: MediaWikiOptions, http: HTTPClient, limits: RecentChangesReader.Limits = .init()) {
        self.options = options
        let session = MediaWikiSession(apiURL: options.apiURL, credentials: options.credentials, http: http)
        reader = RecentChangesReader(options: options, session: session, limits: limits)
        replier = TalkPageReplier(options: options, session: session)
    }

    var host: String { options.host }

    /// The page, who changed it and how much, the summary and the diff.
    var defaultTemplate: String {
        """
        {{title}}{{#fields.size_delta}} ({{fields.size_delta}}){{/fields.size_delta}}{{#summary}}

        “{{summary}}”{{/summary}}{{#link}}

        {{link}}{{/link}}
        """
    }

    var defaultUpdatePolicy: UpdatePolicy { .reply }

    func poll(_ request: PollRequest, logger: Logger) async throws -> PollResult {
        let cursor = MediaWikiCursor(stored: request.cursor)
        if cursor == nil, request.cursor != nil {
            logger.warning("unreadable cursor; reading the newest changes again", metadata: ["mediawiki.cursor": "\(request.cursor!)"])
        }
        let outcome: RecentChangesReader.Outcome
        do {
            outcome = try await reader.read(after: cursor, logger: logger)
        } catch let error as MediaWikiAPIError {
            throw error.connectorError(doing: "reading recent changes from \(options.apiURL)")
        }
        let indexURL = options.indexURL
        return PollResult(
            items: outcome.changes.map { MediaWikiItemMapper.item($0, indexURL: indexURL) },
            isCompleteWindow: false,
            cursor: outcome.cursor?.encoded ?? request.cursor)
    }

    func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt {
        do {
            return try await replier.reply(request, logger: logger)
        } catch let error as MediaWikiAPIError {
            throw error.connectorError(doing: "replying to \(request.item.key) on \(options.apiURL)")
        }
    }
}
