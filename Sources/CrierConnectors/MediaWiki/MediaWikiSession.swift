import CrierCore
import CrierHTTP
import Foundation

/// The conversation with one wiki's `api.php`: its cookie jar, the bot-password login and the
/// CSRF token, kept for the life of the connector.
///
/// With credentials, every request carries `assert=user`, so an expired session shows up as an
/// error instead of silently continuing anonymously; on that (and on `badtoken`) the session logs
/// in again and repeats the request once. Concurrent callers share one login.
///
/// Errors come out as `ConnectorError` (HTTP and login failures) or ``MediaWikiAPIError`` (an
/// `error` object in the answer), which the connector classifies.
actor MediaWikiSession {
    let apiURL: String
    let credentials: MediaWikiCredentials?
    private let http: HTTPClient
    private var jar = MediaWikiCookieJar()
    private var isLoggedIn = false
    private var csrfToken: String?
    private var pendingLogin: Task<Void, any Error>?

    init(apiURL: String, credentials: MediaWikiCredentials?, http: HTTPClient) {
        self.apiURL = apiURL
        self.credentials = credentials
        self.http = http
    }

    /// A read (`GET`); `what` names the step in errors.
    func read<T: Decodable & Sendable>(_ type: T.Type, _ parameters: [(String, String)], doing what: String) async throws -> T {
        try await withLogin {
            try await exchange(T.self, parameters + assertion, post: false, doing: what)
        }
    }

    /// A write (`POST` with the CSRF token, which goes last as MediaWiki recommends).
    func write<T: Decodable & Sendable>(_ type: T.Type, _ parameters: [(String, String)], doing what: String) async throws -> T {
        try await withLogin {
            let token = try await csrf()
            return try await exchange(T.self, parameters + assertion + [("token", token)], post: true, doing: what)
        }
    }

    private var assertion: [(String, String)] { credentials == nil ? [] : [("assert", "user")] }

    /// Runs `body` logged in; when the wiki says the session or token is gone, logs in again and
    /// runs it once more.
    private func withLogin<T>(_ body: () async throws -> T) async throws -> T {
        try await ensureLoggedIn()
        do {
            return try await body()
        } catch let error as MediaWikiAPIError where error.isCuredByLogin && credentials != nil {
            isLoggedIn = false
            csrfToken = nil
            try await ensureLoggedIn()
            return try await body()
        }
    }

    private func ensureLoggedIn() async throws {
        guard let credentials, !isLoggedIn else { return }
        if let pendingLogin { return try await pendingLogin.value }
        let login = Task { try await self.logIn(credentials) }
        pendingLogin = login
        defer { pendingLogin = nil }
        try await login.value
    }

    /// `meta=tokens&type=login`, then `action=login`; a stale login token is retried once.
    private func logIn(_ credentials: MediaWikiCredentials) async throws {
        let what = "logging in as \(credentials.username)"
        for attempt in 0..<2 {
            jar.removeAll()
            csrfToken = nil
            let tokens = try await exchange(TokensAnswer.self, [("action", "query"), ("meta", "tokens"), ("type", "login")], post: false, doing: what)
            guard let loginToken = tokens.query?.tokens.logintoken else {
                throw ConnectorError(.permanent, "\(what): the wiki gave no login token")
            }
            let answer = try await exchange(LoginAnswer.self, [
                ("action", "login"), ("lgname", credentials.username), ("lgpassword", credentials.password), ("lgtoken", loginToken),
            ], post: true, doing: what)
            if answer.login.result == "Success" {
                isLoggedIn = true
                return
            }
            if ["NeedToken", "WrongToken"].contains(answer.login.result) && attempt == 0 { continue }
            let reason = answer.login.reason.map { ": \($0)" } ?? ""
            throw ConnectorError(.permanent, "\(what) failed (\(answer.login.result))\(reason)")
        }
        throw ConnectorError(.permanent, "\(what) failed: the wiki kept refusing the login token")
    }

    private func csrf() async throws -> String {
        if let csrfToken { return csrfToken }
        let answer = try await exchange(TokensAnswer.self, [("action", "query"), ("meta", "tokens")] + assertion, post: false, doing: "fetching an edit token")
        guard let token = answer.query?.tokens.csrftoken else { throw ConnectorError(.permanent, "fetching an edit token: the wiki gave none") }
        csrfToken = token
        return token
    }

    /// One HTTP request with the jar's cookies; takes the cookies the answer sets.
    private func exchange<T: Decodable>(_ type: T.Type, _ parameters: [(String, String)], post: Bool, doing what: String) async throws -> T {
        let form = FormEncoding.encode([("format", "json"), ("formatversion", "2"), ("maxlag", "5")] + parameters)
        var request = post ? HTTPRequest(url: apiURL, method: "POST") : HTTPRequest(url: apiURL + "?" + form)
        request.headers.add("Accept", "application/json")
        if post {
            request.headers.add("Content-Type", "application/x-www-form-urlencoded")
            request.body = Array(form.utf8)
        }
        if let cookie = jar.header { request.headers.add("Cookie", cookie) }
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPClientError {
            throw MediaWikiAnswer.connectorError(error, doing: what)
        }
        jar.store(from: response.headers)
        return try MediaWikiAnswer.decode(T.self, from: response, doing: what)
    }
}

/// `meta=tokens`: a login token or a CSRF token.
private struct TokensAnswer: Decodable {
    struct Query: Decodable { var tokens: Tokens }
    struct Tokens: Decodable {
        var logintoken: String?
        var csrftoken: String?
    }
    var query: Query?
}

/// `action=login`: `Success`, or `Failed`/`Aborted` with a reason, or `NeedToken`/`WrongToken`.
private struct LoginAnswer: Decodable {
    struct Login: Decodable {
        var result: String
        var reason: String?
    }
    var login: Login
}
