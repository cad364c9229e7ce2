public import Foundation
public import GRDB

/// Where a reply is in its life.
public enum ReplyState: String, Codable, Sendable {
    /// Waiting to be relayed (or for its notice to be posted).
    case pending
    /// Written into the source.
    case relayed
    /// Could not be relayed; a visible "Not relayed" notice was posted in the thread.
    case noticed
    /// Not for relaying: written by one of Crier's own accounts, or not an answer to a bridged post.
    case ignored
}

/// A reply found on the microblog, recorded once by its remote id.
public struct ReplyRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "reply"
    public var id: Int64?
    public var sinkId: String
    public var groupId: String
    public var remoteId: String
    public var parentRemoteId: String
    public var authorName: String
    public var authorHandle: String
    public var isOwnAccount: Bool
    public var text: String
    public var url: String?
    public var createdAt: Date
    public var recordedAt: Date
    public var state: ReplyState
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    /// The source the parent post came from, once known.
    public var sourceId: String?
    public var relayedRemoteId: String?
    /// Set when the reply will get a notice instead of being relayed; kept across retries.
    public var noticeReason: String?
    public var noticeRemoteId: String?
    public var finishedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sinkId = Column(CodingKeys.sinkId)
        public static let groupId = Column(CodingKeys.groupId)
        public static let remoteId = Column(CodingKeys.remoteId)
        public static let state = Column(CodingKeys.state)
        public static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
    }

    public var author: ReplyAuthor { ReplyAuthor(displayName: authorName, handle: authorHandle) }
}

/// The per-(sink, group) position in the sink's reply feed (a notification id for Mastodon).
struct ReplyCursorRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "replyCursor"
    var sinkId: String
    var groupId: String
    var cursor: String?
    var backfilledAt: Date?
}

/// Something Crier wrote into a source, by the key the source's items will carry (`Item.echoKeys`).
struct EchoRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "echo"
    var sourceId: String
    var key: String
    var createdAt: Date
}
