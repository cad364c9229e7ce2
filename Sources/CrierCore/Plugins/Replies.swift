public import Foundation

/// Who wrote a reply on the microblog, for the attribution line in the source.
public struct ReplyAuthor: Sendable, Equatable, Codable {
    public var displayName: String
    /// The handle as the microblog shows it (`alice` or `alice@example.com`), without the `@`.
    public var handle: String
    public init(displayName: String, handle: String) {
        self.displayName = displayName
        self.handle = handle
    }
}

/// A reply to a bridged post, to be written back into the source the post came from.
public struct ReplyRequest: Sendable {
    /// The item the replied-to post was made from (as it was when posted).
    public var item: Item
    public var author: ReplyAuthor
    /// The reply's text, plain (HTML already reduced to text), with leading group mentions removed.
    public var text: String
    /// Where the reply can be read on the microblog; the attribution links to it.
    public var url: String?
    /// A short, stable marker unique to this reply. Connectors whose API has no idempotency put it
    /// into what they write (e.g. an HTML comment) and look for it before writing again, so a
    /// retry after a crash never writes twice.
    public var marker: String

    public init(item: Item, author: ReplyAuthor, text: String, url: String?, marker: String) {
        self.item = item
        self.author = author
        self.text = text
        self.url = url
        self.marker = marker
    }
}

/// What a connector wrote into its source for a reply.
public struct ReplyReceipt: Sendable, Equatable {
    /// The id of what was written (a comment id, a revision id), for status and logs.
    public var remoteId: String?
    /// Keys by which the next poll will recognize what was written (see `Item.echoKeys`); the
    /// engine stores them in the same transaction that marks the reply relayed, so the comment
    /// is never posted back to the microblog.
    public var echoKeys: [String]
    public init(remoteId: String?, echoKeys: [String]) {
        self.remoteId = remoteId
        self.echoKeys = echoKeys
    }
}

/// A reply found on the microblog, as a sink reports it.
public struct IncomingReply: Sendable, Equatable {
    public var remoteId: String
    /// The post it answers.
    public var parentRemoteId: String
    public var author: ReplyAuthor
    /// Whether one of Crier's own accounts wrote it: such posts are never relayed.
    public var isOwnAccount: Bool
    public var text: String
    public var url: String?
    public var createdAt: Date

    public init(remoteId: String, parentRemoteId: String, author: ReplyAuthor, isOwnAccount: Bool, text: String, url: String?, createdAt: Date) {
        self.remoteId = remoteId
        self.parentRemoteId = parentRemoteId
        self.author = author
        self.isOwnAccount = isOwnAccount
        self.text = text
        self.url = url
        self.createdAt = createdAt
    }
}

/// A sink whose replies can be read (the Mastodon API and the hub can; a webhook cannot).
public protocol ReplySource: Sendable {
    /// Replies to the group's posts newer than `cursor` (oldest first) and the new cursor.
    func replies(group: String, after cursor: String?) async throws -> (replies: [IncomingReply], cursor: String?)
    /// Direct replies to one of the group's posts, to backfill what notifications missed.
    func directReplies(group: String, to postId: String) async throws -> [IncomingReply]
}

/// How replies are formatted for the source: the attribution line names the person and links back.
public enum ReplyFormat: Sendable {
    case plain, markdown, wikitext

    /// The reply text with an attribution line in this format.
    public func attributed(_ request: ReplyRequest) -> String {
        let who = request.author.displayName.isEmpty ? "@\(request.author.handle)" : "\(request.author.displayName) (@\(request.author.handle))"
        switch self {
        case .plain:
            return request.text + "\n\n— " + who + (request.url.map { " on the microblog: \($0)" } ?? " on the microblog")
        case .markdown:
            let link = request.url.map { "[on the microblog](\($0))" } ?? "on the microblog"
            return request.text + "\n\n— " + Self.escapeMarkdown(who) + " " + link
        case .wikitext:
            let link = request.url.map { "[\($0) on the microblog]" } ?? "on the microblog"
            return Self.escapeWikitext(request.text) + "\n\n— " + Self.escapeWikitext(who) + " " + link
        }
    }

    /// Neutralizes markup a reply could use to inject templates, links or signatures into a wiki.
    static func escapeWikitext(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<", ">", "[", "]", "{", "}", "|", "~", "'", "=", "&", "_":
                out += "&#\(character.unicodeScalars.first!.value);"
            default:
                out.append(character)
            }
        }
        return out
    }

    static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_{}[]()#+-.!<>|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

/// A connector's answer when its source takes no replies (a plain feed).
public struct RepliesUnsupported: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "this source does not take replies" }
}
