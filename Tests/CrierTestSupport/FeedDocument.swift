import Foundation

/// Builds small RSS 2.0 documents for fixture servers; the shape follows real WordPress feeds.
public struct FeedDocument: Sendable {
    /// One `<item>`.
    public struct Entry: Sendable {
        public var guid: String?
        public var title: String
        public var link: String?
        public var description: String
        public init(guid: String?, title: String, link: String? = nil, description: String = "") {
            self.guid = guid
            self.title = title
            self.link = link
            self.description = description
        }
    }

    public var title: String
    /// Newest first, as feeds list them.
    public var entries: [Entry]

    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    public var xml: String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(Self.escape(title))</title><link>http://127.0.0.1/</link><description>fixture</description>

            """
        for entry in entries {
            out += "<item><title>\(Self.escape(entry.title))</title>"
            if let link = entry.link { out += "<link>\(Self.escape(link))</link>" }
            if let guid = entry.guid { out += "<guid isPermaLink=\"false\">\(Self.escape(guid))</guid>" }
            out += "<description>\(Self.escape(entry.description))</description></item>\n"
        }
        return out + "</channel></rss>\n"
    }

    public var bytes: [UInt8] { Array(xml.utf8) }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
