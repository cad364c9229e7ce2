@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation

/// One real MediaWiki for the whole test process (see `MediaWikiProcess`), started by the first
/// test that asks (about 2 s); every later test gets the same wiki, so tests use page titles of
/// their own and never assume an empty change log.
actor MediaWikiInstance {
    static let shared = MediaWikiInstance()

    private var starting: Task<TestWiki, any Error>?

    /// The running wiki; starts it on first use. A failed start is reported to every caller.
    func wiki() async throws -> TestWiki {
        if let starting { return try await starting.value }
        let task = Task {
            let process = try await MediaWikiProcess.start()
            return TestWiki(
                directory: process.directory, apiURL: process.apiURL, botPassword: process.botPassword,
                admin: MediaWikiSession(apiURL: process.apiURL, credentials: MediaWikiCredentials(username: "Admin", password: process.adminPassword), http: sharedHTTP))
        }
        starting = task
        return try await task.value
    }
}

/// The running wiki: where it is, the bot's credentials, and the sysop `Admin`, through whom tests
/// make real changes with the API.
struct TestWiki: Sendable {
    let directory: String
    /// `http://127.0.0.1:PORT/api.php`.
    let apiURL: String
    /// The bot password of `BridgeBot@bridge`.
    let botPassword: String
    /// Logged in as `Admin` (main-account login, which MediaWiki 1.39 still allows).
    let admin: MediaWikiSession

    static let botUser = "BridgeBot@bridge"

    /// `http://127.0.0.1:PORT/index.php`.
    var indexURL: String { String(apiURL.dropLast("api.php".count)) + "index.php" }

    /// Saves `text` as the page's content as Admin; returns the new revision id once the change is
    /// in the change log.
    @discardableResult
    func edit(_ title: String, text: String, summary: String, minor: Bool = false) async throws -> Int {
        var parameters = [("action", "edit"), ("title", title), ("text", text), ("summary", summary)]
        if minor { parameters.append(("minor", "1")) }
        let answer = try await admin.write(EditResult.self, parameters, doing: "editing \(title)")
        guard let revid = answer.edit.newrevid else { throw TestWikiError(message: "editing \(title) changed nothing") }
        try await waitForChangeLog(title: title) { $0.revid == revid }
        return revid
    }

    /// Moves a page as Admin (a `log` change, plus a redirect); returns once the move is in the change log.
    func move(_ from: String, to: String, reason: String) async throws {
        _ = try await admin.write(MoveResult.self, [("action", "move"), ("from", from), ("to", to), ("reason", reason), ("noredirect", "1")], doing: "moving \(from)")
        try await waitForChangeLog(title: from) { $0.type == "log" }
    }

    /// The page's current wikitext, `nil` when it does not exist.
    func wikitext(_ title: String) async throws -> String? {
        let answer = try await admin.read(PageContent.self, [
            ("action", "query"), ("prop", "revisions"), ("titles", title), ("rvprop", "content"), ("rvslots", "main"),
        ], doing: "reading \(title)")
        return answer.query.pages.first?.revisions?.first?.slots.main.content
    }

    /// The page's latest revision id, `nil` when it does not exist.
    func latestRevision(_ title: String) async throws -> Int? {
        let answer = try await admin.read(PageRevision.self, [
            ("action", "query"), ("prop", "revisions"), ("titles", title), ("rvprop", "ids"),
        ], doing: "reading \(title)")
        return answer.query.pages.first?.revisions?.first?.revid
    }

    /// A source on this wiki, built through the Catalog like the daemon builds it.
    func connector(_ options: [String: ConfigValue] = [:], withBot: Bool = true) throws -> any Connector {
        var all: [String: ConfigValue] = ["url": .string(apiURL)]
        if withBot {
            all["username"] = .string(Self.botUser)
            all["password"] = .string(botPassword)
        }
        all.merge(options) { _, new in new }
        let problems = Catalog().validateSource(type: "mediawiki", options: all)
        guard problems.isEmpty else { throw TestWikiError(message: "invalid options: \(problems)") }
        return try Catalog().makeConnector(
            SourceConfig(id: "wiki", type: "mediawiki", options: all),
            context: ComponentContext(http: sharedHTTP, baseDirectory: NSTemporaryDirectory()))
    }

    /// Waits until the change log shows a change of `title` that `matches`: tests read the log
    /// right after writing, and the wiki may record a change just after it answered.
    private func waitForChangeLog(title: String, _ matches: @escaping @Sendable (ChangeLog.Change) -> Bool) async throws {
        let found = try await eventually(timeout: .seconds(5)) {
            let answer = try await admin.read(ChangeLog.self, [
                ("action", "query"), ("list", "recentchanges"), ("rctitle", title), ("rcprop", "ids"), ("rclimit", "10"), ("rctype", "edit|new|log"),
            ], doing: "reading the change log of \(title)")
            return answer.query.recentchanges.contains(where: matches)
        }
        if !found { throw TestWikiError(message: "the change of \(title) never reached the change log") }
    }
}

/// A unique page title for one test, so tests sharing the wiki never see each other's pages as theirs.
func uniqueTitle(_ base: String) -> String {
    "\(base) \(UUID().uuidString.prefix(8))"
}

/// The wiki could not be started or did not do what a test asked of it.
struct TestWikiError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// `action=edit`.
private struct EditResult: Decodable, Sendable {
    struct Edit: Decodable, Sendable { var newrevid: Int? }
    var edit: Edit
}

/// `action=move`.
private struct MoveResult: Decodable, Sendable {
    struct Move: Decodable, Sendable { var to: String }
    var move: Move
}

/// `prop=revisions&rvprop=content&rvslots=main`.
private struct PageContent: Decodable, Sendable {
    struct Query: Decodable, Sendable { var pages: [Page] }
    struct Page: Decodable, Sendable { var revisions: [Revision]? }
    struct Revision: Decodable, Sendable { var slots: Slots }
    struct Slots: Decodable, Sendable { var main: Main }
    struct Main: Decodable, Sendable { var content: String }
    var query: Query
}

/// `prop=revisions&rvprop=ids`.
private struct PageRevision: Decodable, Sendable {
    struct Query: Decodable, Sendable { var pages: [Page] }
    struct Page: Decodable, Sendable { var revisions: [Revision]? }
    struct Revision: Decodable, Sendable { var revid: Int }
    var query: Query
}

/// `list=recentchanges&rcprop=ids`.
private struct ChangeLog: Decodable, Sendable {
    struct Query: Decodable, Sendable { var recentchanges: [Change] }
    struct Change: Decodable, Sendable {
        var type: String
        var revid: Int
    }
    var query: Query
}
