import CrierHTTP
@testable import CrierHub
import Foundation
import Logging
import ServiceLifecycle

/// A real hub on 127.0.0.1 with an ephemeral port and a database in a temporary folder, plus an
/// HTTP client to talk to it over loopback.
struct RunningHub: Sendable {
    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    let store: HubStore
    let directory: URL
    let client: HTTPClient
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The database file inside `directory`.
    static func databasePath(in directory: URL) -> String {
        directory.appendingPathComponent("hub.sqlite").path
    }

    /// A fresh temporary folder for a hub database.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crier-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts a hub on `directory` (a new temporary one by default).
    /// `configure` may change the configuration first (for example the trusted proxies).
    static func start(
        directory: URL? = nil, maxCharacters: Int = 500,
        configure: @Sendable (inout HubConfiguration) -> Void = { _ in }
    ) async throws -> RunningHub {
        let directory = try directory ?? temporaryDirectory()
        let path = databasePath(in: directory)
        // A cheap scrypt cost keeps log-in tests fast (debug builds run scrypt unoptimised).
        let store = try HubStore(path: path, passwordCost: 10)
        var configuration = HubConfiguration(port: 0, databasePath: path, title: "Test <Hub>", maxCharacters: maxCharacters)
        configure(&configuration)
        var logger = Logger(label: "crier.hub.test")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = HubServer(configuration: configuration, store: store, logger: logger) { port in
            continuation.yield(port)
        }
        // Run it as the daemon will: a Service in a ServiceGroup, stopped by graceful shutdown.
        let group = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw HubTestError.serverDidNotStart
        }
        return RunningHub(
            baseURL: "http://127.0.0.1:\(port)", store: store, directory: directory, client: HTTPClient(),
            group: group, task: task
        )
    }

    private init(
        baseURL: String, store: HubStore, directory: URL, client: HTTPClient, group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.store = store
        self.directory = directory
        self.client = client
        self.group = group
        self.task = task
    }

    /// Stops the server with a graceful shutdown (keeping the database folder, for restart tests).
    func stop() async {
        client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Stops the server and deletes the database folder.
    func stopAndRemove() async {
        await stop()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Requests

    /// Sends a request to a path of the hub.
    func send(
        _ method: String, _ path: String, token: String? = nil, form: [(String, String)]? = nil,
        json: String? = nil, headers extra: [(String, String)] = []
    ) async throws -> HTTPResponse {
        var headers = extra
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        var body: [UInt8]?
        if let form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(Self.formEncode(form).utf8)
        } else if let json {
            headers.append(("Content-Type", "application/json"))
            body = Array(json.utf8)
        }
        let request = HTTPRequest(url: baseURL + path, method: method, headers: HTTPHeaders(headers), body: body)
        return try await client.send(request)
    }

    /// Posts a status as the token's owner and decodes it (expects 200).
    func post(
        _ text: String, token: String, inReplyTo: String? = nil, idempotencyKey: String? = nil
    ) async throws -> TestStatus {
        var form = [("status", text)]
        if let inReplyTo { form.append(("in_reply_to_id", inReplyTo)) }
        let headers = idempotencyKey.map { [("Idempotency-Key", $0)] } ?? []
        let response = try await send("POST", "/api/v1/statuses", token: token, form: form, headers: headers)
        guard response.status == 200 else { throw HubTestError.unexpectedStatus(response.status, response.text) }
        return try response.decode(TestStatus.self)
    }

    static func formEncode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }
}

enum HubTestError: Error {
    case serverDidNotStart
    case unexpectedStatus(Int, String)
}

extension HTTPResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded from JSON with snake_case keys.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(body))
    }

    /// The URL of the `Link` header entry with this `rel`.
    func link(_ rel: String) -> String? {
        guard let header = headers["Link"] else { return nil }
        for part in header.split(separator: ",") where part.contains("rel=\"\(rel)\"") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">") else { continue }
            return String(part[part.index(after: open)..<close])
        }
        return nil
    }
}

/// The parts of the Status entity the tests read.
struct TestStatus: Decodable, Sendable, Equatable {
    var id: String
    var content: String
    var text: String
    var url: String
    var inReplyToId: String?
    var inReplyToAccountId: String?
    var repliesCount: Int
    var editedAt: String?
    var createdAt: String
    var visibility: String
    var account: TestAccount
}

/// The parts of the Account entity the tests read.
struct TestAccount: Decodable, Sendable, Equatable {
    var id: String
    var username: String
    var acct: String
    var displayName: String
    var group: Bool
    var statusesCount: Int
}

/// The parts of the Notification entity the tests read.
struct TestNotification: Decodable, Sendable {
    var id: String
    var type: String
    var account: TestAccount
    var status: TestStatus?
}
