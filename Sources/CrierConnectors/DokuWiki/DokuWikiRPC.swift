import CrierCore
import CrierHTTP
import Foundation

/// XML-RPC calls to one wiki's `lib/exe/xmlrpc.php`, with the login session kept in a cookie jar.
///
/// Every failure leaves here classified: network errors, 408/425/429 and 5xx are transient (with
/// the server's `Retry-After`); a body that is no XML-RPC answer, 4xx and faults are permanent,
/// except the faults a caller asks to see (`passing:`) and "page locked" (133), which is
/// transient because the editor holding the lock will let go. Every message names the endpoint.
///
/// DokuWiki answers a call it refuses for lack of a login with HTTP 401 and fault -32603; with
/// credentials configured, that triggers one fresh `dokuwiki.login` and one retry.
final class DokuWikiRPC: Sendable {
    let endpoint: String
    let http: HTTPClient
    let username: String?
    let password: String?
    let cookies = DokuWikiCookieJar()

    init(endpoint: String, http: HTTPClient, username: String?, password: String?) {
        self.endpoint = endpoint
        self.http = http
        self.username = username
        self.password = password
    }

    /// The fault code DokuWiki gives "page is locked by another editor".
    static let pageLocked = 133

    /// Calls `method`; faults whose code is in `passing` are thrown as ``XMLRPCFault``, every
    /// other failure as ``ConnectorError``.
    func call(_ method: String, _ params: [XMLRPCValue], passing: Set<Int> = []) async throws -> XMLRPCValue {
        if username != nil, cookies.header == nil { try await login() }
        var answer = try await send(method, params)
        if answer.isUnauthorized, username != nil {
            cookies.clear()
            try await login()
            answer = try await send(method, params)
        }
        switch answer.response {
        case .value(let value)?:
            return value
        case .fault(let fault)? where passing.contains(fault.code):
            throw fault
        case .fault(let fault)?:
            throw classify(fault, method: method, status: answer.status)
        case nil:
            throw ConnectorError(.permanent, "\(method): HTTP \(answer.status) from \(endpoint)")
        }
    }

    /// `dokuwiki.login`: the wiki answers true and sets its session cookies, or false.
    private func login() async throws {
        guard let username, let password else { return }
        let answer = try await send("dokuwiki.login", [.string(username), .string(password)])
        switch answer.response {
        case .value(let value)? where value.boolValue == true:
            return
        case .value?:
            throw ConnectorError(.permanent, "\(endpoint) refused the login of '\(username)' (wrong password, or ACL/remote API off)")
        case .fault(let fault)?:
            throw classify(fault, method: "dokuwiki.login", status: answer.status)
        case nil:
            throw ConnectorError(.permanent, "dokuwiki.login: HTTP \(answer.status) from \(endpoint)")
        }
    }

    /// One HTTP round trip: the status and, when the body is an XML-RPC answer, the answer.
    private func send(_ method: String, _ params: [XMLRPCValue]) async throws -> Answer {
        var request = HTTPRequest(
            url: endpoint, method: "POST",
            headers: HTTPHeaders([("Content-Type", "text/xml; charset=utf-8"), ("Accept", "text/xml")]),
            body: XMLRPCEncoder.methodCall(method, params))
        if let cookie = cookies.header { request.headers.add("Cookie", cookie) }
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPClientError {
            let kind: ConnectorError.Kind = error.code == .unsupportedProtocol || error.code == .bodyTooLarge ? .permanent : .transient
            throw ConnectorError(kind, "\(method) at \(endpoint): \(error.message)")
        }
        cookies.store(response.headers.values("Set-Cookie"))
        switch response.status {
        case 200..<300, 401, 403:
            do {
                return Answer(status: response.status, response: try XMLRPCDecoder.response(response.body))
            } catch {
                guard (200..<300).contains(response.status) else { return Answer(status: response.status, response: nil) }
                throw ConnectorError(.permanent, "\(method): \(endpoint) did not answer with XML-RPC (\(error.message)); is the remote API enabled?")
            }
        case 408, 425, 429, 500...599:
            throw ConnectorError(.transient, "\(method): HTTP \(response.status) from \(endpoint)", retryAfter: response.retryAfter)
        default:
            return Answer(status: response.status, response: nil)
        }
    }

    private func classify(_ fault: XMLRPCFault, method: String, status: Int) -> ConnectorError {
        let kind: ConnectorError.Kind = fault.code == Self.pageLocked ? .transient : .permanent
        var message = "\(method): \(fault.message) (fault \(fault.code)) from \(endpoint)"
        if status == 401 && username == nil { message += "; the wiki needs a login (username, password_file)" }
        return ConnectorError(kind, message)
    }

    /// What one request produced.
    private struct Answer {
        var status: Int
        var response: XMLRPCResponse?

        /// HTTP 401, or DokuWiki's "not authorized" fault.
        var isUnauthorized: Bool {
            if status == 401 { return true }
            if case .fault(let fault)? = response, fault.code == -32603 { return true }
            return false
        }
    }
}
