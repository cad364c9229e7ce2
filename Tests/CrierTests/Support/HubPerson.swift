import CrierHTTP
import CrierHub
import Foundation

/// A person with an account on the hub, replying through the Mastodon API like any client.
struct HubPerson {
    let baseURL: String
    let token: String
    let http = HTTPClient()

    init(store: HubStore, baseURL: String, username: String, displayName: String) throws {
        let account = try store.ensureUser(username: username, displayName: displayName)
        self.token = try store.token(for: account.id, label: "test")
        self.baseURL = baseURL
    }

    init(baseURL: String, token: String) {
        self.baseURL = baseURL
        self.token = token
    }

    /// Posts `text` as a reply to `statusId`; returns the new status id.
    func reply(to statusId: String, _ text: String) async throws -> String {
        var request = HTTPRequest(url: baseURL + "/api/v1/statuses", method: "POST", headers: HTTPHeaders([
            ("Authorization", "Bearer " + token), ("Content-Type", "application/x-www-form-urlencoded"),
        ]))
        let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        request.body = Array("status=\(encoded)&in_reply_to_id=\(statusId)".utf8)
        let response = try await http.send(request)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard response.status == 200, let id = object?["id"] as? String else {
            throw HubReaderError(message: "reply failed: HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return id
    }

    /// The descendants of a status, in thread order.
    func descendants(of statusId: String) async throws -> [(id: String, inReplyTo: String?, text: String, author: String)] {
        let response = try await http.send(HTTPRequest(url: baseURL + "/api/v1/statuses/\(statusId)/context"))
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let descendants = object?["descendants"] as? [[String: Any]] ?? []
        return descendants.map {
            (id: $0["id"] as? String ?? "", inReplyTo: $0["in_reply_to_id"] as? String, text: $0["text"] as? String ?? "",
             author: ($0["account"] as? [String: Any])?["acct"] as? String ?? "")
        }
    }

    func shutdown() { http.shutdown() }
}
