@testable import CrierConnectors
import CrierHTTP
import CrierTestSupport
import Foundation

/// The sysop of a test wiki, making real edits and reading pages through the API with the
/// connector's own session code (login, cookies, tokens).
struct WikiAdmin {
    let wiki: MediaWikiProcess
    let session: MediaWikiSession

    init(_ wiki: MediaWikiProcess, http: HTTPClient) {
        self.wiki = wiki
        session = MediaWikiSession(apiURL: wiki.apiURL, credentials: MediaWikiCredentials(username: "Admin", password: wiki.adminPassword), http: http)
    }

    func edit(_ title: String, text: String, summary: String) async throws {
        _ = try await session.write(Edited.self, [("action", "edit"), ("title", title), ("text", text), ("summary", summary)], doing: "editing \(title)")
    }

    /// The page's wikitext, "" when it does not exist.
    func wikitext(_ title: String) async throws -> String {
        let answer = try await session.read(Content.self, [
            ("action", "query"), ("prop", "revisions"), ("titles", title), ("rvprop", "content"), ("rvslots", "main"),
        ], doing: "reading \(title)")
        return answer.query.pages.first?.revisions?.first?.slots.main.content ?? ""
    }

    private struct Edited: Decodable, Sendable {
        struct Edit: Decodable, Sendable { var result: String }
        var edit: Edit
    }

    private struct Content: Decodable, Sendable {
        struct Query: Decodable, Sendable { var pages: [Page] }
        struct Page: Decodable, Sendable { var revisions: [Revision]? }
        struct Revision: Decodable, Sendable { var slots: Slots }
        struct Slots: Decodable, Sendable { var main: Main }
        struct Main: Decodable, Sendable { var content: String }
        var query: Query
    }
}
