import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Web UI: log-in, posting, CSRF, throttling")
struct WebUITests {
    static let password = "correct horse battery"

    @Test("Log in, compose in a group, reply in a thread; the reply notifies the group")
    func happyPaths() async throws {
        try await HubFixture.with { f in
            try f.hub.store.setUser(username: "alice", password: Self.password)
            let browser = Browser(f.hub)
            let loggedOut = try await browser.get("/@releases")
            #expect(loggedOut.body.contains("Log in</a> to post"))

            let login = try await browser.logIn("alice", Self.password, returnTo: "/@releases")
            #expect(login.status == 303)
            #expect(login.header("location") == "/@releases")
            let cookie = try #require(login.headers.first { $0.0 == "set-cookie" && $0.1.hasPrefix("crier_session=") }?.1)
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))

            let timeline = try await browser.get("/@releases")
            #expect(timeline.body.contains("href=\"/@alice\">@alice</a>"))
            let compose = try await browser.post("/@releases", [("csrf", timeline.csrf ?? ""), ("status", "Hello from the web")])
            #expect(compose.status == 303)
            #expect(try await browser.get("/@releases").body.contains("Hello from the web"))

            let post = try await f.hub.post("Release 4.0 https://example.org/4.0", token: f.groupToken)
            let thread = try await browser.get("/@releases/\(post.id)")
            #expect(thread.body.contains("via example.org"))
            let reply = try await browser.post("/@releases/\(post.id)", [("csrf", thread.csrf ?? ""), ("status", "Congrats!")])
            #expect(reply.status == 303)
            #expect(reply.header("location")?.hasPrefix("/@releases/\(post.id)#s") == true)
            let after = try await browser.get("/@releases/\(post.id)")
            #expect(after.body.contains("Congrats!"))
            #expect(after.body.contains("just now"))

            let notifications = try await f.hub.send("GET", "/api/v1/notifications", token: f.groupToken)
                .decode([TestNotification].self)
            #expect(notifications.map(\.status?.text) == ["Congrats!"])
            #expect(notifications.first?.account.username == "alice")
        }
    }

    @Test("A form POST without the right CSRF token is rejected with 403")
    func csrf() async throws {
        try await HubFixture.with { f in
            try f.hub.store.setUser(username: "alice", password: Self.password)
            let post = try await f.hub.post("Root", token: f.groupToken)
            let anonymous = Browser(f.hub)
            #expect(try await anonymous.post("/login", [("username", "alice"), ("password", Self.password)]).status == 403)

            let browser = Browser(f.hub)
            #expect(try await browser.logIn("alice", Self.password).status == 303)
            #expect(try await browser.post("/@releases", [("status", "no token")]).status == 403)
            #expect(try await browser.post("/@releases", [("csrf", "0123"), ("status", "bad token")]).status == 403)
            #expect(try await browser.post("/@releases/\(post.id)", [("status", "no token")]).status == 403)
            #expect(try await browser.post("/logout", []).status == 403)
            // Another session's token does not work either.
            let other = Browser(f.hub)
            _ = try await other.logIn("alice", Self.password)
            let otherToken = try await other.get("/").csrf ?? ""
            #expect(try await browser.post("/@releases", [("csrf", otherToken), ("status", "stolen")]).status == 403)
            let statuses = try await f.hub.send("GET", "/api/v1/accounts/\(f.alice.id)/statuses").decode([TestStatus].self)
            #expect(statuses.isEmpty)
            // With the token, logging out works and ends the session.
            let token = try await browser.get("/").csrf ?? ""
            #expect(try await browser.post("/logout", [("csrf", token)]).status == 303)
            #expect(try await browser.get("/").body.contains("Log in</a>"))
        }
    }

    @Test("Ten failed log-ins in a row are throttled with 429")
    func throttling() async throws {
        try await HubFixture.with { f in
            try f.hub.store.setUser(username: "alice", password: Self.password)
            let browser = Browser(f.hub)
            var statuses: [Int] = []
            for attempt in 1...10 {
                statuses.append(try await browser.logIn("alice", "wrong \(attempt)").status)
            }
            #expect(statuses == Array(repeating: 401, count: 5) + Array(repeating: 429, count: 5))
            // Even the right password waits now.
            let right = try await browser.logIn("alice", Self.password)
            #expect(right.status == 429)
            #expect(Int(right.header("retry-after") ?? "") ?? 0 > 0)
        }
    }

    @Test("XSS payloads in posts, display names and search render inert")
    func xss() async throws {
        try await HubFixture.with { f in
            let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"
            _ = try f.hub.store.ensureGroup(username: "releases", displayName: payload, note: payload)
            try f.hub.store.setUser(username: "alice", displayName: payload, password: Self.password)
            let post = try await f.hub.post(payload + " https://example.org/\"><script>x</script>", token: f.groupToken)
            _ = try await f.hub.post(payload, token: f.aliceToken, inReplyTo: post.id)
            let browser = Browser(f.hub)
            let query = RunningHub.formEncode([("q", payload + " alert"), ("author", payload)])
            for path in ["/", "/@releases", "/@releases/\(post.id)", "/@alice", "/search?\(query)", "/search?q=alert"] {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path)")
                Self.expectInert(page.body, path)
            }
            let feed = try await browser.get("/@releases.atom").body
            #expect(!feed.contains("<script") && !feed.contains("<img"))
        }
    }

    /// Only the page's own script, and no tag with an event-handler attribute.
    static func expectInert(_ html: String, _ path: String) {
        #expect(html.components(separatedBy: "<script").count == 2, "\(path)")
        #expect(html.contains("<script>(function(){"), "\(path)")
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let tag = rest[open...].prefix { $0 != ">" }
            // Attribute names only: quoted values (escaped text) are dropped first.
            let names = tag.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map(\.element).joined().lowercased()
            #expect(!names.contains("onerror") && !names.contains("onload"), "\(path): \(tag)")
            rest = rest[tag.endIndex...]
        }
    }

    @Test("The Atom feed is well-formed Atom 1.0 with escaped content")
    func atom() async throws {
        try await HubFixture.with { f in
            _ = try await f.hub.post("Feed <b>item</b> & more", token: f.groupToken)
            let browser = Browser(f.hub)
            for path in ["/@releases.atom", "/@releases/feed.atom"] {
                let feed = try await browser.get(path)
                #expect(feed.status == 200)
                #expect(feed.header("content-type") == "application/atom+xml; charset=utf-8")
                #expect(feed.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
                #expect(feed.body.contains("&lt;p&gt;Feed &amp;lt;b&amp;gt;item&amp;lt;/b&amp;gt; &amp;amp; more&lt;/p&gt;"))
                #expect(AtomCheck.isWellFormed(feed.body))
            }
            #expect(try await browser.get("/@nobody.atom").status == 404)
        }
    }
}
