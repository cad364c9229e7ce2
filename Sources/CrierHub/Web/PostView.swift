import Foundation

/// Renders one post as an `<article id="sID">`: byline, text, source badge for bridged posts,
/// relative time linking to the post, reply count. Used by pages and by live updates alike.
struct PostView: Sendable {
    /// When the page is rendered, for relative times.
    var now: Timestamp

    /// The post's markup; `showAuthor` adds the byline (on threads, search, and a group's
    /// timeline for posts by people).
    func render(_ status: StatusRecord, author: AccountRecord, showAuthor: Bool) -> HTML {
        let byline: HTML = showAuthor
            ? "<div class=\"meta\"><strong>\(author.displayName)</strong> <a href=\"/@\(author.username)\">@\(author.username)</a></div>"
            : ""
        let edited: HTML = status.editedAt == nil ? "" : " · edited"
        return """
            <article id="s\(status.rowID)">\(byline)\(StatusText.html(status.text))<div class="meta">\
            \(Self.badge(status, author: author))<a href="/@\(author.username)/\(status.rowID)">\
            \(RelativeTime.element(status.createdAt, now: now))</a>\(edited) · \(Self.count(status.repliesCount, "reply"))\
            </div></article>
            """
    }

    /// For a post bridged by Crier (authored by a group account): a badge naming the source's
    /// host, linked to the item (the first link in the text), or just "bridged". A group's reply
    /// to a person (Crier's "Not relayed" notice) is a system message and gets no badge.
    static func badge(_ status: StatusRecord, author: AccountRecord) -> HTML {
        guard author.isGroup else { return "" }
        if status.inReplyToAccountId != nil && status.inReplyToAccountId != status.accountId && !status.text.contains("http") { return "" }
        for segment in StatusText.segments(of: status.text) {
            guard case .url(let url) = segment, let host = URL(string: String(url))?.host, !host.isEmpty else { continue }
            let name = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
            return "<a class=\"badge\" href=\"\(String(url))\" rel=\"nofollow noopener\">via \(name)</a> "
        }
        return "<span class=\"badge\">bridged</span> "
    }

    /// `1 post`, `2 posts`, `1 reply`, `3 replies`.
    static func count(_ n: Int, _ noun: String) -> String {
        if n == 1 { return "1 \(noun)" }
        return noun.hasSuffix("y") ? "\(n) \(noun.dropLast())ies" : "\(n) \(noun)s"
    }
}
