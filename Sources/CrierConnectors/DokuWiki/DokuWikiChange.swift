import Foundation

/// One row of `wiki.getRecentChanges`: the newest revision of one page.
///
/// DokuWiki 2022-07-31 sends `name`, `lastModified`, `author`, `version`, `perms` and `size`;
/// `sum` (the edit summary) is read when a server or plugin adds it. `size` is `false` for a
/// page that was deleted, so it is optional.
struct DokuWikiChange: Sendable, Equatable {
    var page: String
    /// Unix seconds of the revision; also its id.
    var version: Int
    /// The user name, empty for an anonymous edit.
    var author: String
    var size: Int?
    var summary: String

    /// Reads one row; `nil` when the row lacks a page name or a version.
    init?(_ value: XMLRPCValue) {
        guard let page = value["name"]?.stringValue, !page.isEmpty else { return nil }
        let version = value["version"]?.intValue ?? {
            if case .date(let date)? = value["lastModified"] { return Int(date.timeIntervalSince1970) }
            return value["lastModified"]?.intValue
        }()
        guard let version else { return nil }
        self.page = page
        self.version = version
        author = value["author"]?.stringValue ?? ""
        if case .bool? = value["size"] { size = nil } else { size = value["size"]?.intValue }
        summary = value["sum"]?.stringValue ?? ""
    }

    init(page: String, version: Int, author: String, size: Int? = nil, summary: String = "") {
        self.page = page
        self.version = version
        self.author = author
        self.size = size
        self.summary = summary
    }
}
