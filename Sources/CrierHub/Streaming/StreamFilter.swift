import Foundation

/// Decides which frames one subscriber gets for a status event: only statuses it may read
/// (visibility, and closed groups for members only), matching its timeline.
struct StreamFilter: Sendable {
    let kind: StreamKind
    /// The token's account, if any.
    let viewerId: Int64?
    let store: HubStore
    let renderer: EntityRenderer

    /// The frames for `event` (none, one, or an `update` and a `notification` for the user stream).
    func frames(for event: StatusEvent) async throws -> [SSEFrame] {
        let status = event.status
        guard try await readable(status) else { return [] }
        var frames: [SSEFrame] = []
        if inTimeline(status) {
            switch event.kind {
            case .created: frames.append(try SSEFrame(event: "update", data: json(renderer.status(status, author: event.author))))
            case .edited: frames.append(try SSEFrame(event: "status.update", data: json(renderer.status(status, author: event.author))))
            case .deleted: frames.append(SSEFrame(event: "delete", data: String(status.rowID)))
            }
        }
        if event.kind == .created, kind == .user || kind == .userNotification, let viewerId,
            let page = try await store.notification(forStatus: status.rowID, recipient: viewerId),
            let entity = renderer.notifications(page).first
        {
            frames.append(try SSEFrame(event: "notification", data: json(entity)))
        }
        return frames
    }

    /// Whether the viewer may read the status at all.
    private func readable(_ status: StatusRecord) async throws -> Bool {
        let open = Visibility(rawValue: status.visibility)?.isOpen == true
        guard open || (viewerId != nil && status.accountId == viewerId) else { return false }
        return try await store.canSee(groupId: status.groupId, viewerId: viewerId)
    }

    /// Whether the status belongs to this stream's timeline.
    private func inTimeline(_ status: StatusRecord) -> Bool {
        switch kind {
        case .user: status.accountId == viewerId || status.groupId != nil
        case .userNotification: false
        case .public: status.visibility == Visibility.public.rawValue
        case .hashtag(let tag):
            status.visibility == Visibility.public.rawValue && StatusTags.hashtags(in: status.text).contains(tag)
        }
    }

    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try APIFormat.encode(value), as: UTF8.self)
    }
}
