import CrierHTTP
import Foundation

/// Reads a hub group's posts through the Mastodon API, the way any client would.
struct HubReader {
    struct Status: Equatable {
        var id: String
        var text: String
        var editedAt: String?
        var inReplyTo: String?
    }

    let baseURL: String
    let http = HTTPClient()

    func accountId(_ name: String) async throws -> String {
        let response = try await http.send(HTTPRequest(url: "\(baseURL)/api/v1/accounts/lookup?acct=\(name)"))
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard let id = object?["id"] as? String else { throw HubReaderError(message: "no account \(name): HTTP \(response.status)") }
        return id
    }

    /// Every status of the account, oldest first, following the pagination.
    func statuses(of name: String) async throws -> [Status] {
        let id = try await accountId(name)
        var all: [Status] = []
        var maxId: String?
        while true {
            var url = "\(baseURL)/api/v1/accounts/\(id)/statuses?limit=40"
            if let maxId { url += "&max_id=\(maxId)" }
            let response = try await http.send(HTTPRequest(url: url))
            guard response.status == 200, let page = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] else {
                throw HubReaderError(message: "HTTP \(response.status) reading \(url)")
            }
            if page.isEmpty { break }
            all += page.map {
                Status(id: $0["id"] as? String ?? "", text: $0["text"] as? String ?? "",
                       editedAt: $0["edited_at"] as? String, inReplyTo: $0["in_reply_to_id"] as? String)
            }
            maxId = all.last?.id
        }
        return all.reversed()
    }

    func shutdown() { http.shutdown() }
}

struct HubReaderError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Polls `condition` until it holds or `timeout` passes; tests wait for effects, never sleep blindly.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

/// A fresh directory under the system temp dir.
func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "crier-\(name)-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
