public import Foundation
public import GRDB

/// Per-source poll state: the cursor, HTTP validators, schedule and the last error.
public struct SourceStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sourceState"
    public var sourceId: String
    public var cursor: String?
    public var etag: String?
    public var lastModified: String?
    public var nextPollAt: Date?
    public var errorCount: Int
    public var lastError: String?
    public var lastErrorAt: Date?
    public var lastSuccessAt: Date?
    /// When the first poll recorded its baseline; `nil` until then.
    public var baselineAt: Date?

    public init(sourceId: String) {
        self.sourceId = sourceId
        self.errorCount = 0
    }

    public enum Columns {
        public static let sourceId = Column(CodingKeys.sourceId)
    }
}

/// A seen item. Rows are never deleted when an item leaves its feed: `departedAt` is the tombstone
/// that keeps it from coming back as new.
struct ItemRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "item"
    var id: Int64?
    var sourceId: String
    var key: String
    var threadKey: String
    var fingerprint: String
    var revision: Int
    var payload: Data
    var firstSeenAt: Date
    var lastSeenAt: Date
    var departedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let sourceId = Column(CodingKeys.sourceId)
        public static let key = Column(CodingKeys.key)
        public static let threadKey = Column(CodingKeys.threadKey)
        public static let departedAt = Column(CodingKeys.departedAt)
    }
}

/// What an outbox row asks the delivery worker to do.
public enum OutboxAction: String, Codable, Sendable {
    /// A new post (a thread root unless its thread already has one and the policy says otherwise).
    case post
    /// A reply under the thread's root post.
    case reply
    /// An edit of the thread's root post.
    case edit
}

/// Where an outbox row is in its life.
public enum OutboxState: String, Codable, Sendable {
    case pending, sent, dead
}

/// One post to deliver into one group, with everything needed to render and retry it.
public struct OutboxRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"
    public var id: Int64?
    public var sinkId: String
    public var groupId: String
    public var routeId: String
    public var sourceId: String
    public var itemKey: String
    public var threadKey: String
    public var revision: Int
    public var action: OutboxAction
    /// Derived from (route, group, item key, revision): the same post always has the same key.
    public var idempotencyKey: String
    /// The item as it was at this revision (JSON), so that a later change cannot alter a queued post.
    public var payload: Data
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var remotePostId: String?
    public var createdAt: Date
    public var finishedAt: Date?
    /// Set when the row was frozen into a digest batch; every row of the batch shares it.
    public var digestKey: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let routeId = Column(CodingKeys.routeId)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let digestKey = Column(CodingKeys.digestKey)
        public static let sinkId = Column(CodingKeys.sinkId)
        public static let groupId = Column(CodingKeys.groupId)
        public static let state = Column(CodingKeys.state)
        public static let idempotencyKey = Column(CodingKeys.idempotencyKey)
    }

    /// The item this row will render.
    public func item() throws -> Item { try JSONDecoder.iso.decode(Item.self, from: payload) }
}

/// A delivered post and the item it came from: the map that threads, edits and replies need.
public struct PostRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "post"
    public var id: Int64?
    public var outboxId: Int64
    public var sinkId: String
    public var groupId: String
    public var sourceId: String
    public var threadKey: String
    public var itemKey: String
    public var revision: Int
    public var remotePostId: String
    public var url: String?
    public var isThreadRoot: Bool
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let sinkId = Column(CodingKeys.sinkId)
        public static let groupId = Column(CodingKeys.groupId)
        public static let sourceId = Column(CodingKeys.sourceId)
        public static let threadKey = Column(CodingKeys.threadKey)
        public static let isThreadRoot = Column(CodingKeys.isThreadRoot)
    }
}
