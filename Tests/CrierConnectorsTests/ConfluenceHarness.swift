@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// Builds `confluence` sources the way the daemon does (through the Catalog) and serves the
/// fixtures under `Fixtures/confluence/` from a loopback server.
enum ConfluenceHarness {
    static let searchPath = "/rest/api/content/search"
    static let contentPath = "/rest/api/content"
    static let commentsPath = "/rest/api/content/393219/child/comment"
    /// `_links.base` in the fixtures: the site's public URL, which item links use.
    static let publicBase = "http://localhost:8090/confluence"

    static func connector(_ url: String, _ extra: [String: ConfigValue] = [:]) throws -> any Connector {
        var options: [String: ConfigValue] = ["url": .string(url)]
        options.merge(extra) { _, new in new }
        #expect(Catalog().validateSource(type: "confluence", options: options).isEmpty)
        return try Catalog().makeConnector(
            SourceConfig(id: "confluence", type: "confluence", options: options),
            context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
    }

    static func poll(_ connector: any Connector, _ cursor: String? = nil) async throws -> PollResult {
        try await connector.poll(PollRequest(cursor: cursor, validators: .init()), logger: quietLogger)
    }

    static func fixture(_ name: String, status: Int = 200, headers: [(String, String)] = []) throws -> FixtureResponse {
        FixtureResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: try Fixtures.bytes("confluence/" + name))
    }

    /// Serves the first poll (newest first, no date) and the two pages of a later poll.
    static func serveSearch(_ server: RoutedServer) throws {
        let first = try fixture("search-newest-first.json")
        let page1 = try fixture("search-since-page1.json")
        let page2 = try fixture("search-since-page2.json")
        server.set(searchPath) { request, _ in
            if request.query["start"] == "3" { return page2 }
            return (request.query["cql"] ?? "").contains("lastmodified >=") ? page1 : first
        }
    }

    /// A reply from the microblog, as the relay worker builds it.
    static func reply(to item: Item, text: String = "Sounds good & thanks", url: String? = "https://hub.example/@news/42") -> ReplyRequest {
        ReplyRequest(item: item, author: ReplyAuthor(displayName: "Erin", handle: "erin"), text: text, url: url, marker: "crier-0123456789abcdef")
    }
}
