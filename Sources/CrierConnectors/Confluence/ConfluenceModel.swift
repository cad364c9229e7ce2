import Foundation

/// The parts of Confluence REST v1 JSON that the connector reads. Everything is optional that
/// an expansion, a Server/Cloud difference or a permission could leave out.
enum ConfluenceModel {
    /// A page of results: `GET /rest/api/content/search` and `…/child/comment`.
    struct Page: Decodable, Sendable {
        var results: [Content]
        var _links: Links?
    }

    /// `_links` of a result page or of one content object.
    struct Links: Decodable, Sendable {
        /// The site URL as Confluence knows it (its configured base URL), e.g. `http://host/confluence`.
        var base: String?
        /// The next page, relative to `base` (e.g. `/rest/api/content/search?…&start=50`).
        var next: String?
        /// The web page, relative to `base`.
        var webui: String?
    }

    /// A page, blog post or comment.
    struct Content: Decodable, Sendable {
        var id: FlexibleID
        var type: String
        var title: String?
        var space: Space?
        var version: Version?
        var container: Container?
        var body: Body?
        var _links: Links?
    }

    /// The space a content object is in (`expand=space`).
    struct Space: Decodable, Sendable {
        var key: String?
        var name: String?
    }

    /// Who saved this version, when, and with what message (`expand=version`).
    struct Version: Decodable, Sendable {
        var by: User?
        /// ISO 8601 with milliseconds and the server's offset, e.g. `2024-05-01T12:03:00.000+02:00`.
        var when: String?
        var message: String?
        var number: Int?
    }

    /// Server/DC users have `username`; Cloud users `accountId` and `publicName`.
    struct User: Decodable, Sendable {
        var displayName: String?
        var publicName: String?
        var username: String?

        var name: String? { [displayName, publicName, username].compactMap { $0 }.first { !$0.isEmpty } }
    }

    /// What a content object lives in: the page of a comment, the space of a page.
    struct Container: Decodable, Sendable {
        var id: FlexibleID?
        var type: String?
        var title: String?
    }

    /// The body representations expanded (`expand=body.storage`).
    struct Body: Decodable, Sendable {
        var storage: Storage?
    }

    /// The storage format: Confluence's XHTML source of the body.
    struct Storage: Decodable, Sendable {
        var value: String?
    }

    /// Content ids are JSON strings, space ids numbers; both are read as text.
    struct FlexibleID: Decodable, Sendable, Equatable, CustomStringConvertible {
        var value: String
        init(_ value: String) { self.value = value }
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = String(number)
            } else {
                value = try container.decode(String.self)
            }
        }
        var description: String { value }
    }
}
