import Foundation

/// The CQL search a poll sends: `GET /rest/api/content/search?cql=…&expand=…&limit=50`.
///
/// `body.storage` is expanded (instead of `history`) so that comments and pages without an
/// edit message get a text excerpt; the storage format costs the server no rendering.
enum ConfluenceQuery {
    static let pageSize = 50
    static let expand = "version,space,container,body.storage"

    /// `type in (…) [and space in (…)] [and lastmodified >= "…"] order by lastmodified asc|desc`.
    static func cql(types: [String], spaces: [String], since: String?, newestFirst: Bool) -> String {
        var cql = "type in (" + types.joined(separator: ",") + ")"
        if !spaces.isEmpty { cql += " and space in (" + spaces.map { "\"\($0)\"" }.joined(separator: ",") + ")" }
        if let since { cql += " and lastmodified >= \"\(since)\"" }
        return cql + " order by lastmodified " + (newestFirst ? "desc" : "asc")
    }

    static func searchURL(base: String, cql: String) -> String {
        base + "/rest/api/content/search?cql=" + escape(cql) + "&expand=" + escape(expand) + "&limit=\(pageSize)"
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters (and `,`, harmless in a query value).
    static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
