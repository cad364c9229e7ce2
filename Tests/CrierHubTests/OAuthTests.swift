import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("OAuth")
struct OAuthTests {
    /// The parts of the Application entity the tests read.
    struct App: Decodable {
        var id: String
        var name: String
        var clientId: String?
        var clientSecret: String?
        var scopes: [String]
        var redirectUris: [String]
    }

    struct Token: Decodable {
        var accessToken: String
        var tokenType: String
        var scope: String
    }

    static func registerApp(_ hub: RunningHub, redirect: String = "http://127.0.0.1:9/callback", scopes: String = "read write") async throws -> App {
        let response = try await hub.send("POST", "/api/v1/apps", form: [
            ("client_name", "Test client"), ("redirect_uris", redirect), ("scopes", scopes), ("website", "https://example.org"),
        ])
        #expect(response.status == 200, "\(response.text)")
        return try response.decode(App.self)
    }

    @Test("Register an app, approve it while logged in, exchange the code, use and revoke the token")
    func authorizationCodeFlow() async throws {
        try await HubFixture.with { f in
            let app = try await Self.registerApp(f.hub)
            #expect(app.name == "Test client" && app.scopes == ["read", "write"])
            let clientId = try #require(app.clientId), secret = try #require(app.clientSecret)
            let query = "client_id=\(clientId)&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&response_type=code&scope=read+write&state=xyz"

            // Logged out: a log-in prompt, no code.
            let anonymous = try await f.hub.send("GET", "/oauth/authorize?" + query)
            #expect(anonymous.status == 401)
            #expect(anonymous.text.contains("/login?return_to="))

            // Logged in (a session cookie): the consent page, with a CSRF field.
            try f.hub.store.setUser(username: "alice", password: "correct horse")
            let session = try await f.hub.store.createSession(accountId: Int64(f.alice.id)!, lifetime: .seconds(600))
            let cookie = [("Cookie", "\(HubRoutes.sessionCookieName)=\(session)")]
            let consent = try await f.hub.send("GET", "/oauth/authorize?" + query, headers: cookie)
            #expect(consent.status == 200)
            #expect(consent.text.contains("Test client") && consent.text.contains("@alice"))
            let csrf = try #require(Self.hiddenValue("csrf", in: consent.text))

            var form = [("client_id", clientId), ("redirect_uri", "http://127.0.0.1:9/callback"), ("scope", "read write"), ("state", "xyz")]
            // Without the CSRF token the approval is refused.
            #expect(try await f.hub.send("POST", "/oauth/authorize", form: form + [("decision", "approve")], headers: cookie).status == 403)
            form.append(("csrf", csrf))
            let raw = try RawHTTP(baseURL: f.hub.baseURL)
            raw.send("POST", "/oauth/authorize", headers: cookie + [
                ("Content-Type", "application/x-www-form-urlencoded"), ("Connection", "close"),
            ], body: RunningHub.formEncode(form + [("decision", "approve")]))
            let approved = await raw.read { $0.contains("\r\n\r\n") }
            #expect(approved.hasPrefix("HTTP/1.1 302"), "\(approved)")
            let locationHeader = approved.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }
                .map { String($0.dropFirst("location:".count)).trimmingCharacters(in: .whitespaces) }
            let location = try #require(locationHeader.flatMap(URLComponents.init(string:)))
            #expect(location.host == "127.0.0.1" && location.path == "/callback")
            #expect(location.queryItems?.first { $0.name == "state" }?.value == "xyz")
            let code = try #require(location.queryItems?.first { $0.name == "code" }?.value)

            let exchange: [(String, String)] = [
                ("grant_type", "authorization_code"), ("code", code), ("client_id", clientId),
                ("client_secret", secret), ("redirect_uri", "http://127.0.0.1:9/callback"),
            ]
            let tokenResponse = try await f.hub.send("POST", "/oauth/token", form: exchange)
            #expect(tokenResponse.status == 200, "\(tokenResponse.text)")
            let token = try tokenResponse.decode(Token.self)
            #expect(token.tokenType == "Bearer" && token.scope == "read write")
            // Only the hash is stored.
            let stored = try await f.hub.store.pool.read { db in try String.fetchAll(db, sql: "SELECT hash FROM oauthToken") }
            #expect(stored == [HubStore.tokenHash(token.accessToken)])

            // A code works once.
            let replay = try await f.hub.send("POST", "/oauth/token", form: exchange)
            #expect(replay.status == 400 && replay.text.contains("invalid_grant"))

            let me = try await f.hub.send("GET", "/api/v1/accounts/verify_credentials", token: token.accessToken)
            #expect(try me.decode(TestAccount.self).username == "alice")
            _ = try await f.hub.post("from my own client", token: token.accessToken)
            // The token also works as `access_token` in the query, as streaming clients send it.
            #expect(try await f.hub.send("GET", "/api/v1/accounts/verify_credentials?access_token=\(token.accessToken)").status == 200)

            let revoked = try await f.hub.send("POST", "/oauth/revoke", form: [
                ("client_id", clientId), ("client_secret", secret), ("token", token.accessToken),
            ])
            #expect(revoked.status == 200)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/verify_credentials", token: token.accessToken).status == 401)
        }
    }

    @Test("The out-of-band redirect shows the code; denying redirects with access_denied")
    func outOfBandAndDeny() async throws {
        try await HubFixture.with { f in
            let app = try await Self.registerApp(f.hub, redirect: "urn:ietf:wg:oauth:2.0:oob")
            let session = try await f.hub.store.createSession(accountId: Int64(f.alice.id)!, lifetime: .seconds(600))
            let cookie = [("Cookie", "\(HubRoutes.sessionCookieName)=\(session)")]
            let consent = try await f.hub.send("GET", "/oauth/authorize?response_type=code&client_id=\(app.clientId!)", headers: cookie)
            #expect(consent.status == 200)
            let csrf = try #require(Self.hiddenValue("csrf", in: consent.text))
            let page = try await f.hub.send("POST", "/oauth/authorize", form: [
                ("client_id", app.clientId!), ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"), ("scope", "read"),
                ("csrf", csrf), ("decision", "approve"),
            ], headers: cookie)
            #expect(page.status == 200)
            let code = try #require(page.text.firstMatch(of: /<code id="code">([^<]+)</).map { String($0.1) })
            let token = try await f.hub.send("POST", "/oauth/token", form: [
                ("grant_type", "authorization_code"), ("code", code), ("client_id", app.clientId!),
                ("client_secret", app.clientSecret!), ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
            ]).decode(Token.self)
            #expect(token.scope == "read")
            // A read-only token may read but not post.
            #expect(try await f.hub.send("GET", "/api/v1/timelines/home", token: token.accessToken).status == 200)
            let post = try await f.hub.send("POST", "/api/v1/statuses", token: token.accessToken, form: [("status", "x")])
            #expect(post.status == 403)

            // A wrong secret or an unknown redirect URI is refused.
            let badSecret = try await f.hub.send("POST", "/oauth/token", form: [
                ("grant_type", "client_credentials"), ("client_id", app.clientId!), ("client_secret", "nope"),
            ])
            #expect(badSecret.status == 401 && badSecret.text.contains("invalid_client"))
            let badRedirect = try await f.hub.send(
                "GET", "/oauth/authorize?client_id=\(app.clientId!)&redirect_uri=https%3A%2F%2Fevil.example%2F", headers: cookie)
            #expect(badRedirect.status == 400)
        }
    }

    @Test("Password and client_credentials grants")
    func passwordAndClientCredentials() async throws {
        try await HubFixture.with { f in
            let app = try await Self.registerApp(f.hub, redirect: "urn:ietf:wg:oauth:2.0:oob")
            try f.hub.store.setUser(username: "alice", password: "correct horse")
            let credentials = [("client_id", app.clientId!), ("client_secret", app.clientSecret!)]
            let wrong = try await f.hub.send("POST", "/oauth/token", form: credentials + [
                ("grant_type", "password"), ("username", "alice"), ("password", "wrong"),
            ])
            #expect(wrong.status == 400)
            let token = try await f.hub.send("POST", "/oauth/token", form: credentials + [
                ("grant_type", "password"), ("username", "alice"), ("password", "correct horse"), ("scope", "read write"),
            ]).decode(Token.self)
            let me = try await f.hub.send("GET", "/api/v1/accounts/verify_credentials", token: token.accessToken)
            #expect(try me.decode(TestAccount.self).username == "alice")

            let appToken = try await f.hub.send("POST", "/oauth/token", form: credentials + [("grant_type", "client_credentials")])
                .decode(Token.self)
            let verified = try await f.hub.send("GET", "/api/v1/apps/verify_credentials", token: appToken.accessToken)
            #expect(try verified.decode(App.self).name == "Test client")
            #expect(try await f.hub.send("GET", "/api/v1/timelines/public", token: appToken.accessToken).status == 200)
            #expect(try await f.hub.send("GET", "/api/v1/accounts/verify_credentials", token: appToken.accessToken).status == 422)
            // Scopes the app did not register are refused.
            let tooMuch = try await f.hub.send("POST", "/oauth/token", form: credentials + [
                ("grant_type", "client_credentials"), ("scope", "admin:read"),
            ])
            #expect(tooMuch.status == 400 && tooMuch.text.contains("invalid_scope"))
        }
    }

    /// The value of the hidden input `name` in a page.
    static func hiddenValue(_ name: String, in page: String) -> String? {
        let pattern = try? Regex<(Substring, Substring)>("name=\"\(name)\" value=\"([^\"]*)\"")
        return pattern.flatMap { page.firstMatch(of: $0) }.map { String($0.1) }
    }
}
