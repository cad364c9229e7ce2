import Foundation
import GRDB

/// A row of `status`: one post or reply, with its current text.
struct StatusRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "status"

    var id: Int64?
    var accountId: Int64
    var inReplyToId: Int64?
    /// Copied from the parent at insert, so rendering needs no join.
    var inReplyToAccountId: Int64?
    /// Plain text as posted; HTML is derived when rendering.
    var text: String
    /// `public`, `unlisted`, `private` or `direct`.
    var visibility: String
    var createdAt: Timestamp
    var editedAt: Timestamp?
    /// The client's `Idempotency-Key`; unique per account, kept forever.
    var idempotencyKey: String?
    /// Maintained by the status write methods.
    var repliesCount: Int
    /// The group the status belongs to (see `Groups/GroupVisibility.swift`): a group's own post,
    /// a person's post in a group, or a reply in such a thread; nil for a person's post elsewhere.
    var groupId: Int64? = nil

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let accountId = Column(CodingKeys.accountId)
        static let inReplyToId = Column(CodingKeys.inReplyToId)
        static let inReplyToAccountId = Column(CodingKeys.inReplyToAccountId)
        static let text = Column(CodingKeys.text)
        static let visibility = Column(CodingKeys.visibility)
        static let createdAt = Column(CodingKeys.createdAt)
        static let editedAt = Column(CodingKeys.editedAt)
        static let idempotencyKey = Column(CodingKeys.idempotencyKey)
        static let repliesCount = Column(CodingKeys.repliesCount)
        static let groupId = Column(CodingKeys.groupId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The id, which every fetched or inserted record has.
    var rowID: Int64 { id ?? 0 }
}

extension DerivableRequest<StatusRecord> {
    /// Statuses that `viewerId` may read: public and unlisted ones, plus the viewer's own.
    /// Closed groups' statuses are left out unless the viewer is a member (see ``inVisibleGroups(of:)``).
    func visible(to viewerId: Int64?) -> Self {
        let open = [Visibility.public.rawValue, Visibility.unlisted.rawValue].contains(StatusRecord.Columns.visibility)
        guard let viewerId else { return filter(open).inVisibleGroups(of: nil) }
        return filter(open || StatusRecord.Columns.accountId == viewerId).inVisibleGroups(of: viewerId)
    }
}

/// The visibilities a status may have (Mastodon's four).
enum Visibility: String, Sendable, CaseIterable {
    case `public`, unlisted, `private`, direct

    /// Whether a reader who is not the author may see it.
    var isOpen: Bool { self == .public || self == .unlisted }
}
