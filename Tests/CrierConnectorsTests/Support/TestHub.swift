import CrierCore
import CrierHTTP
import CrierHub
import CrierTestSupport
import Foundation
import Logging

/// The real embedded hub on a loopback port, its database in a temporary folder, with one group
/// account and its token; read back through the Mastodon API the way any client reads it.
struct TestHub: Sendable {
    /// A status as `GET /api/v1/accounts/:id/statuses` returns it (the fields the tests read).
    struct Status: Decodable, Sendable, Equatable {
        var id: String
        var text: String
        var inReplyToId: String?
        var editedAt: String?
    }

    let baseURL: String
    let store: HubStore
    /// The group's username, which is also its group id in the sink's token table.
    let group: String
    let groupAccountId: String
    let token: String
    let directory: String
    let http: HTTPClient
    private let task: Task<Void, Never>

    /// Starts a hub on a free port with the group `group` provisioned.
    static func start(group: String = "news", maxCharacters: Int = 500) async throws -> TestHub {
        let directory = try temporaryDirectory("hub")
        let path = directory + "/hub.sqlite"
        let store = try HubStore(path: path)
        let account = try store.ensureGroup(username: group, displayName: group.capitalized, note: "Test group")
        let token = try store.token(for: account.id, label: "crier")
        var logger = Logger(label: "crier.test.hub")
        logger.logLevel = .critical
        let configuration = HubConfiguration(port: freeLoopbackPort(), databasePath: path, maxCharacters: maxCharacters)
        let (listening, continuation) = AsyncStream<Int>.makeStream()
        let server = HubServer(configuration: configuration, store: store, logger: logger) { port in continuation.yield(port) }
        let task = Task {
            try? await server.run()
            continuation.finish()
        }
        var ports = listening.makeAsyncIterator()
        guard let port = await ports.next() else { throw TestHubError(message: "the hub did not start on port \(configuration.port)") }
        return TestHub(
            baseURL: "http://127.0.0.1:\(port)", store: store, group: group, groupAccountId: account.id, token: token,
            directory: directory, http: HTTPClient(), task: task)
    }

    private init(
        baseURL: String, store: HubStore, group: String, groupAccountId: String, token: String, directory: String,
        http: HTTPClient, task: Task<Void, Never>
    ) {
        self.baseURL = baseURL
        self.store = store
        self.group = group
        self.groupAccountId = groupAccountId
        self.token = token
        self.directory = directory
        self.http = http
        self.task = task
    }

    /// What the composition root hands the Catalog when the hub runs in-process.
    var endpoint: HubEndpoint { HubEndpoint(baseURL: baseURL, tokens: [group: token]) }

    /// The group's statuses, oldest first (one page of 40 is plenty for a test).
    func statuses() async throws -> [Status] {
        let response = try await http.send(HTTPRequest(url: "\(baseURL)/api/v1/accounts/\(groupAccountId)/statuses?limit=40"))
        guard response.status == 200 else { throw TestHubError(message: "HTTP \(response.status) reading the group's statuses") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([Status].self, from: Data(response.body)).reversed()
    }

    /// One status by id.
    func status(_ id: String) async throws -> Status {
        let response = try await http.send(HTTPRequest(url: "\(baseURL)/api/v1/statuses/\(id)"))
        guard response.status == 200 else { throw TestHubError(message: "HTTP \(response.status) reading status \(id)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Status.self, from: Data(response.body))
    }

    /// Stops the server and deletes the database folder.
    func stop() async {
        task.cancel()
        await task.value
        http.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

struct TestHubError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension TestHub {
    /// Runs `body` against a fresh hub and always stops the hub afterwards.
    static func with<T>(group: String = "news", maxCharacters: Int = 500, _ body: (TestHub) async throws -> T) async throws -> T {
        let hub = try await start(group: group, maxCharacters: maxCharacters)
        do {
            let result = try await body(hub)
            await hub.stop()
            return result
        } catch {
            await hub.stop()
            throw error
        }
    }
}
