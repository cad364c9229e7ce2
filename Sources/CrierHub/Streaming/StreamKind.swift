/// A Mastodon streaming timeline: what `/api/v1/streaming/<name>` (or `?stream=<name>`) asks for.
enum StreamKind: Sendable, Equatable {
    /// `user`: the home timeline and notifications of the token's account.
    case user
    /// `user:notification`: only the notifications.
    case userNotification
    /// `public` (and `public:local`: every status here is local).
    case `public`
    /// `hashtag` (and `hashtag:local`) with `tag`, lowercased, without `#`.
    case hashtag(String)

    /// Parses a stream name (`user`, `public:local`, `hashtag`…) and its `tag` parameter; nil for
    /// an unknown stream or a hashtag stream without a tag.
    init?(name: String, tag: String?) {
        switch name {
        case "user": self = .user
        case "user:notification": self = .userNotification
        case "public", "public:local": self = .public
        case "hashtag", "hashtag:local":
            let name = (tag ?? "").hasPrefix("#") ? String((tag ?? "").dropFirst()) : (tag ?? "")
            guard !name.isEmpty else { return nil }
            self = .hashtag(name.lowercased())
        default: return nil
        }
    }

    /// The scope a token needs (user streams need a token; the others accept anonymous readers).
    var requiredScope: String? {
        switch self {
        case .user: "read:statuses"
        case .userNotification: "read:notifications"
        case .public, .hashtag: nil
        }
    }

    /// The `stream` array Mastodon puts in each websocket message (kept for symmetry and logs).
    var names: [String] {
        switch self {
        case .user: ["user"]
        case .userNotification: ["user:notification"]
        case .public: ["public"]
        case .hashtag(let tag): ["hashtag", tag]
        }
    }
}

/// One Server-Sent Events frame.
struct SSEFrame: Sendable, Equatable {
    /// `event:` name; nil for a comment (heartbeat).
    var event: String?
    /// `data:` payload, or the comment text.
    var data: String

    /// A heartbeat comment, as Mastodon's streaming server sends (`:thump`).
    static let heartbeat = SSEFrame(event: nil, data: "thump")

    /// The wire form: `event: NAME\ndata: …\n\n` (one `data:` line per line of payload), or `:TEXT\n\n`.
    var encoded: String {
        guard let event else { return ":\(data)\n\n" }
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }
        return "event: \(event)\n" + lines.joined() + "\n"
    }
}
