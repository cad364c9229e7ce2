import CrierCore
import Foundation
import Logging

/// Replies become comments on the page (or blog post) the item came from; a reply to a comment
/// item becomes a child of that comment.
extension ConfluenceConnector {
    func reply(_ request: ReplyRequest, logger: Logger) async throws -> ReplyReceipt {
        let target = try Self.target(of: request.item)
        if let existing = try await existingReply(request, on: target.containerID) {
            logger.info("reply already on the page", metadata: ["confluence.comment": "\(existing)"])
            return ReplyReceipt(remoteId: existing, echoKeys: ["comment:\(existing)"])
        }
        let created = try await api.post(
            options.url + "/rest/api/content", json: Self.commentJSON(request, target: target), as: ConfluenceModel.Content.self)
        return ReplyReceipt(remoteId: created.id.value, echoKeys: ["comment:\(created.id.value)"])
    }

    /// Where a comment for `item` goes.
    struct CommentTarget: Equatable {
        var containerID: String
        /// `page` or `blogpost`.
        var containerType: String
        /// The comment being answered, for a reply to a comment item.
        var parentCommentID: String?
    }

    static func target(of item: Item) throws -> CommentTarget {
        guard let id = item.fields["content_id"], let type = item.fields["type"] else {
            throw ConnectorError(.permanent, "the item \(item.key) names no Confluence content to comment on")
        }
        guard type == "comment" else { return CommentTarget(containerID: id, containerType: type) }
        guard let page = item.fields["container_id"] else {
            throw ConnectorError(.permanent, "the comment \(id) names no page to comment on")
        }
        return CommentTarget(containerID: page, containerType: item.fields["container_type"] ?? "page", parentCommentID: id)
    }

    /// `POST /rest/api/content` body: a comment in storage format.
    static func commentJSON(_ request: ReplyRequest, target: CommentTarget) -> [UInt8] {
        struct Body: Encodable {
            struct Container: Encodable { var id: String; var type: String }
            struct Ancestor: Encodable { var id: String }
            struct Storage: Encodable { var value: String; var representation = "storage" }
            struct Representations: Encodable { var storage: Storage }
            var type = "comment"
            var container: Container
            var ancestors: [Ancestor]?
            var body: Representations
        }
        let body = Body(
            container: .init(id: target.containerID, type: target.containerType),
            ancestors: target.parentCommentID.map { [.init(id: $0)] },
            body: .init(storage: .init(value: ConfluenceStorageFormat.body(request))))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(body)) ?? Data())
    }

    /// The id of a comment on the page that already is this reply (a retry after a crash
    /// between the write and the receipt), read from all of the page's comments, nested ones too.
    private func existingReply(_ request: ReplyRequest, on containerID: String) async throws -> String? {
        var url = options.url + "/rest/api/content/" + ConfluenceQuery.escape(containerID)
            + "/child/comment?expand=body.storage&depth=all&limit=\(Self.commentPageSize)"
        for _ in 0..<Self.maxCommentPages {
            let page = try await api.get(url, as: ConfluenceModel.Page.self)
            if let match = page.results.first(where: { ConfluenceStorageFormat.isReply($0.body?.storage?.value ?? "", of: request) }) {
                return match.id.value
            }
            guard let next = page._links?.next, !page.results.isEmpty else { return nil }
            url = try api.resolve(next)
        }
        return nil
    }
}
