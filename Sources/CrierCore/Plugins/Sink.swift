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

/// A failed delivery, classified once.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Retried with backoff (network, 5xx, 429).
        case transient
        /// Becomes a dead letter with this reason (4xx other than 408/429).
        case permanent
    }
    public var kind: Kind
    public var message: String
    public var retryAfter: Duration?
    public init(_ kind: Kind, _ message: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }
    public var description: String { message }
}

/// One configured microblog target. `publish` must be idempotent for a given `idempotencyKey`.
public protocol Sink: Sendable {
    func limits(group: String) async throws -> PostLimits
    func publish(_ post: OutgoingPost) async throws -> PublishedPost
    /// Replaces the text of an earlier post (the `edit` update policy).
    func edit(remoteId: String, post: OutgoingPost) async throws -> PublishedPost
}
