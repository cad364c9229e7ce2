import CrierCore
import CrierFormats
import CrierHTTP
import Foundation

/// Reading replies: a reply to a group's post notifies the group account (type `mention`), so the
/// group's notifications, paged forward with `min_id`, are the reply feed.
extension MastodonSink: ReplySource {
    func replies(group: String, after cursor: String?) async throws -> (replies: [IncomingReply], cursor: String?) {
        // min_id pages forward from the cursor; "0" starts at the oldest notification.
        let url = baseURL + "/api/v1/notifications?types[]=mention&limit=80&min_id=" + FormEncoding.escape(cursor ?? "0")
        let request = try authorized(HTTPRequest(url: url), group: group)
        let notifications = try decode([MastodonNotification].self, from: try await send(request, what: "reading notifications"))
        let newest = notifications.map(\.id).max(by: Self.idOrder) ?? cursor
        let replies = notifications.compactMap { notification -> IncomingReply? in
            guard notification.type == "mention", let status = notification.status, status.in_reply_to_id != nil else { return nil }
            return incoming(status)
        }
        return (replies.sorted { Self.idOrder($0.remoteId, $1.remoteId) }, newest)
    }

    func directReplies(group: String, to postId: String) async throws -> [IncomingReply] {
        let request = try authorized(HTTPRequest(url: baseURL + "/api/v1/statuses/" + FormEncoding.escape(postId) + "/context"), group: group)
        let context = try decode(MastodonContext.self, from: try await send(request, what: "reading a thread"))
        return context.descendants.filter { $0.in_reply_to_id == postId }.compactMap(incoming)
    }

    private func incoming(_ status: MastodonStatusDetail) -> IncomingReply? {
        guard let parent = status.in_reply_to_id else { return nil }
        let handle = status.account.acct
        let text = status.text.flatMap { $0.isEmpty ? nil : $0 } ?? HTMLText.plainText(fromHTML: status.content ?? "")
        return IncomingReply(
            remoteId: status.id, parentRemoteId: parent,
            author: ReplyAuthor(displayName: status.account.display_name ?? "", handle: handle),
            isOwnAccount: ownAccounts.contains(handle.lowercased()),
            text: stripLeadingOwnMentions(text), url: status.url,
            createdAt: Self.date(status.created_at) ?? Date())
    }

    /// Clients start a reply with `@group `; that mention is addressing, not content.
    func stripLeadingOwnMentions(_ text: String) -> String {
        var rest = Substring(text)
        while rest.hasPrefix("@") {
            let token = rest.prefix { !$0.isWhitespace }
            let name = token.dropFirst().split(separator: "@").first.map { $0.lowercased() } ?? ""
            guard ownAccounts.contains(name) else { break }
            rest = rest.dropFirst(token.count).drop { $0.isWhitespace }
        }
        return String(rest)
    }

    /// Mastodon ids are opaque strings, but numeric in practice; compare numerically when both are.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        if a.count != b.count, a.allSatisfy(\.isNumber), b.allSatisfy(\.isNumber) { return a.count < b.count }
        return a < b
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

/// The parts of Mastodon's Notification, Status, Account and Context entities the watcher reads.
struct MastodonNotification: Decodable {
    var id: String
    var type: String
    var status: MastodonStatusDetail?
}

struct MastodonStatusDetail: Decodable {
    struct Account: Decodable {
        var acct: String
        var display_name: String?
    }
    var id: String
    var in_reply_to_id: String?
    var content: String?
    var text: String?
    var url: String?
    var created_at: String?
    var account: Account
}

struct MastodonContext: Decodable {
    var descendants: [MastodonStatusDetail]
}
