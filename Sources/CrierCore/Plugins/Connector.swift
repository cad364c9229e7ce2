import Foundation
public import Logging

/// HTTP cache validators kept per source between polls.
public struct Validators: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What the engine hands a connector for one poll; everything here was loaded from the state store.
public struct PollRequest: Sendable {
    /// The connector's own opaque cursor from the last committed poll, `nil` on the first poll.
    public var cursor: String?
    public var validators: Validators
    public init(cursor: String?, validators: Validators) {
        self.cursor = cursor
        self.validators = validators
    }
}

/// The outcome of one successful poll. The engine commits all of it in one transaction.
public struct PollResult: Sendable {
    /// The items the source currently offers (a window for feeds), oldest first.
    public var items: [Item]
    /// `true` when `items` is the whole window the source shows (feeds): keys stored for this
    /// source but absent here are marked departed (tombstoned), never forgotten.
    public var isCompleteWindow: Bool
    /// The connector's new cursor, saved with the items.
    public var cursor: String?
    public var validators: Validators
    /// The source answered "not modified": nothing to ingest.
    public var notModified: Bool
    /// The source's own hint for the next poll (feed `ttl`, `Cache-Control: max-age`, `Expires`).
    public var suggestedInterval: Duration?
    /// Problems with single items that were skipped; the poll itself still succeeded.
    public var warnings: [String]

    public init(
        items: [Item], isCompleteWindow: Bool = true, cursor: String? = nil, validators: Validators = .init(),
        notModified: Bool = false, suggestedInterval: Duration? = nil, warnings: [String] = []
    ) {
        self.items = items
        self.isCompleteWindow = isCompleteWindow
        self.cursor = cursor
        self.validators = validators
        self.notModified = notModified
        self.suggestedInterval = suggestedInterval
        self.warnings = warnings
    }
}

/// A failed poll, classified once so that the scheduler knows what to do: transient failures
/// (network errors, 5xx, timeouts, 429) are retried with backoff; permanent ones (401/403/404, a
/// body that is not a feed) need an operator and are still retried, at the backoff cap.
public typealias ConnectorError = PluginFailure<SourceSide>

/// The code for one kind of source system. A connector never touches the state store: it gets the
/// cursor in the request and returns items and the new cursor; the engine persists both together.
public protocol Connector: Sendable {
    /// Fetches what is new since `request.cursor`.
    func poll(_ request: PollRequest, logger: Logger) async throws -> PollResult
    /// The host this source talks to, for the per-host concurrency cap.
    var host: String { get }
    /// The template used by routes that set none.
    var defaultTemplate: String { get }
    /// The default update policy for routes from this connector that set none.
    var defaultUpdatePolicy: UpdatePolicy { get }
    /// Writes a reply into the source (a ticket comment, a talk-page section). Throws
    /// `RepliesUnsupported` when the source takes none, `ConnectorError` otherwise.
    func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt
}

extension Connector {
    public var defaultTemplate: String { DefaultTemplates.item }
    public var defaultUpdatePolicy: UpdatePolicy { .edit }
    public func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt {
        throw RepliesUnsupported()
    }
}
