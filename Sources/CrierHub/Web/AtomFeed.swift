/// A group's Atom 1.0 feed (RFC 4287): the newest posts, each with its HTML content escaped as
/// `type="html"` text. Characters XML forbids are dropped.
struct AtomFeed: Sendable {
    /// `http://HOST:PORT`.
    var origin: String

    /// The whole document.
    func render(group: AccountRecord, statuses: [StatusRecord], authors: [Int64: AccountRecord]) -> String {
        let groupURL = "\(origin)/@\(group.username)"
        let updated = (statuses.first?.editedAt ?? statuses.first?.createdAt ?? group.createdAt).iso8601
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(Self.escape(groupURL))</id>
            <title>\(Self.escape(group.displayName))</title>
            <subtitle>\(Self.escape(group.note))</subtitle>
            <updated>\(updated)</updated>
            <link rel="alternate" type="text/html" href="\(Self.escape(groupURL))"/>
            <link rel="self" type="application/atom+xml" href="\(Self.escape(groupURL + ".atom"))"/>

            """
        for status in statuses {
            let author = authors[status.accountId] ?? group
            let url = "\(origin)/@\(author.username)/\(status.rowID)"
            let title = status.text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(80)) } ?? ""
            xml += """
                <entry>
                <id>\(Self.escape(url))</id>
                <title>\(Self.escape(title))</title>
                <link rel="alternate" type="text/html" href="\(Self.escape(url))"/>
                <published>\(status.createdAt.iso8601)</published>
                <updated>\((status.editedAt ?? status.createdAt).iso8601)</updated>
                <author><name>\(Self.escape(author.displayName))</name><uri>\(Self.escape("\(origin)/@\(author.username)"))</uri></author>
                <content type="html">\(Self.escape(StatusText.html(status.text).markup))</content>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// XML text and attribute escaping, dropping characters that XML 1.0 does not allow.
    static func escape(_ text: String) -> String {
        let allowed = String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        }))
        return HTML.escape(allowed)
    }
}
