import Foundation

/// What a delivery worker hands a sink: fully rendered, within the sink's limits.
public struct OutgoingPost: Sendable, Equatable {
    /// The group id from the configuration.
    public var group: String
    public var text: String
    /// The remote id of the post this one answers, for `reply` updates.
    public var inReplyTo: String?
    /// Derived from (route, group, item key, revision); the same post always gets the same key.
    public var idempotencyKey: String

    public init(group: String, text: String, inReplyTo: String? = nil, idempotencyKey: String) {
        self.group = group
        self.text = text
        self.inReplyTo = inReplyTo
        self.idempotencyKey = idempotencyKey
    }
}

/// A post as the sink confirmed it.
public struct PublishedPost: Sendable, Equatable {
    public var remoteId: String
    public var url: String?
    public init(remoteId: String, url: String? = nil) {
        self.remoteId = remoteId
        self.url = url
    }
}

/// How long posts may be, and how the target counts.
public struct PostLimits: Sendable, Equatable {
    /// Maximum length in grapheme clusters.
    public var maxCharacters: Int
    /// Every URL counts as this many characters (Mastodon: 23), or `nil` when URLs count as written.
    public var charactersPerURL: Int?
    public init(maxCharacters: Int, charactersPerURL: Int? = nil) {
        self.maxCharacters = maxCharacters
        self.charactersPerURL = charactersPerURL
    }
}

/// A failed delivery, classified once: transient failures (network, 5xx, 408, 429) are retried
/// with backoff and keep the queue's order; permanent ones become dead letters with this reason.
public typealias SinkError = PluginFailure<SinkSide>

/// One configured microblog target. `publish` must be idempotent for a given `idempotencyKey`.
public protocol Sink: Sendable {
    func limits(group: String) async throws -> PostLimits
    func publish(_ post: OutgoingPost) async throws -> PublishedPost
    /// Replaces the text of an earlier post (the `edit` update policy).
    func edit(remoteId: String, post: OutgoingPost) async throws -> PublishedPost
}
