import CrierCore

/// The wiki's namespaces (`meta=siteinfo&siprop=namespaces`), to find the talk page of a page.
///
/// Every subject namespace `n` (even, 0 or more) has its talk namespace `n + 1`; titles carry the
/// namespace's local name as a prefix (`Help:Editing`, `Help talk:Editing`), the main namespace none.
struct NamespaceTable: Sendable, Equatable {
    /// One namespace: its local name (what titles use) and its canonical English name.
    struct Namespace: Decodable, Sendable, Equatable {
        var id: Int
        var name: String
        var canonical: String?
    }

    var namespaces: [Int: Namespace]

    init(_ namespaces: [Namespace]) {
        self.namespaces = Dictionary(namespaces.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the table from the wiki.
    static func fetch(from session: MediaWikiSession) async throws -> NamespaceTable {
        let answer = try await session.read(
            SiteInfoAnswer.self, [("action", "query"), ("meta", "siteinfo"), ("siprop", "namespaces")], doing: "reading the wiki's namespaces")
        return NamespaceTable(Array(answer.query.namespaces.values))
    }

    /// The talk page of `title` in namespace `namespace`: itself for a talk page, `Talk:<title>` in
    /// the main namespace, `<talk namespace>:<title without its prefix>` elsewhere.
    func talkPage(of title: String, namespace: Int) throws -> String {
        guard namespace >= 0 else { throw ConnectorError(.permanent, "'\(title)' is a special page; it has no talk page") }
        if namespace % 2 == 1 { return title }
        if namespace == 0 { return "\(namespaces[1]?.name ?? "Talk"):\(title)" }
        guard let talk = namespaces[namespace + 1] else {
            throw ConnectorError(.permanent, "namespace \(namespace) of '\(title)' has no talk namespace on this wiki")
        }
        let subject = namespaces[namespace]
        let prefixes = [subject?.name, subject?.canonical].compactMap { $0.map { $0 + ":" } }
        let name: Substring
        if let prefix = prefixes.first(where: title.hasPrefix) {
            name = title.dropFirst(prefix.count)
        } else if let colon = title.firstIndex(of: ":") {
            name = title[title.index(after: colon)...]
        } else {
            name = Substring(title)
        }
        return "\(talk.name):\(name)"
    }
}

/// `meta=siteinfo&siprop=namespaces` with `formatversion=2`: namespaces keyed by their id.
private struct SiteInfoAnswer: Decodable, Sendable {
    struct Query: Decodable, Sendable { var namespaces: [String: NamespaceTable.Namespace] }
    var query: Query
}
