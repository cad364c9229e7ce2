import CrierHTTP
@testable import CrierHub
import Foundation
import Testing

@Suite("Accounts: hashing, proxies, SSO")
struct AccountSecurityTests {
    @Test("Passwords and session tokens are stored only hashed")
    func storedHashed() async throws {
        try await HubFixture.with { f in
            let password = "unique-password-\(UUID().uuidString)"
            try f.hub.store.setUser(username: "alice", password: password)
            let browser = Browser(f.hub)
            #expect(try await browser.logIn("alice", password).status == 303)
            let session = try #require(browser.cookies["crier_session"])
            #expect(session.count == 64)
            let files = try FileManager.default.contentsOfDirectory(atPath: f.hub.directory.path)
            let bytes = try files.reduce(into: Data()) { $0 += try Data(contentsOf: f.hub.directory.appendingPathComponent($1)) }
            #expect(bytes.range(of: Data(password.utf8)) == nil)
            #expect(bytes.range(of: Data(session.utf8)) == nil)
            #expect(bytes.range(of: Data(f.aliceToken.utf8)) == nil)
            #expect(bytes.range(of: Data("$scrypt$ln=10,r=8,p=1$".utf8)) != nil)
            #expect(bytes.range(of: Data(HubStore.tokenHash(session).utf8)) != nil)
        }
    }

    @Test("scrypt hashes are salted and verify only the right password")
    func hashing() throws {
        let hasher = PasswordHasher(logRounds: 10)
        let one = try hasher.hash("secret")
        let two = try hasher.hash("secret")
        #expect(one != two)
        #expect(PasswordHasher.verify("secret", against: one) && PasswordHasher.verify("secret", against: two))
        #expect(!PasswordHasher.verify("Secret", against: one))
        #expect(!PasswordHasher.verify("secret", against: "$scrypt$ln=99,r=8,p=1$AA==$AA=="))
    }

    @Test("Proxy ranges match IPv4 and IPv6 addresses", arguments: [
        ("127.0.0.1", true), ("10.1.2.3", true), ("11.0.0.1", false), ("::1", true),
        ("fd00::5", true), ("fe80::1", false), ("::ffff:10.9.9.9", true), ("nonsense", false),
    ])
    func proxyTrust(address: String, trusted: Bool) throws {
        let trust = try ProxyTrust(["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"])
        #expect(trust.contains(address) == trusted)
        #expect(throws: ProxyTrust.InvalidEntry.self) { try ProxyTrust(["10.0.0.0/33"]) }
    }

    @Test("The SSO header is honoured from a trusted proxy, with Secure cookies over https")
    func ssoFromTrustedProxy() async throws {
        try await HubFixture.with(configure: {
            $0.trustedProxyHeader = "X-Remote-User"
            $0.trustedProxies = ["127.0.0.0/8"]
        }) { f in
            let carol = Browser(f.hub)
            carol.headers = [("X-Remote-User", "carol@example.org")]
            let index = try await carol.get("/")
            #expect(index.body.contains("href=\"/@carol\">@carol</a>"))
            #expect(try f.hub.store.account(username: "carol") != nil)
            let timeline = try await carol.get("/@releases")
            let posted = try await carol.post("/@releases", [("csrf", timeline.csrf ?? ""), ("status", "via SSO")])
            #expect(posted.status == 303)
            #expect(try await carol.post("/@releases", [("status", "no token")]).status == 403)

            try f.hub.store.setUser(username: "alice", password: "alice password")
            let tls = Browser(f.hub)
            tls.headers = [("X-Forwarded-Proto", "https")]
            let login = try await tls.logIn("alice", "alice password")
            let cookie = login.headers.first { $0.0 == "set-cookie" && $0.1.hasPrefix("crier_session=") }?.1 ?? ""
            #expect(cookie.contains("Secure"))
        }
    }

    @Test("The SSO header and X-Forwarded-Proto are ignored from other addresses")
    func ssoFromUntrustedPeer() async throws {
        try await HubFixture.with(configure: {
            $0.trustedProxyHeader = "X-Remote-User"
            $0.trustedProxies = ["10.0.0.0/8"]
        }) { f in
            let mallory = Browser(f.hub)
            mallory.headers = [("X-Remote-User", "alice"), ("X-Forwarded-Proto", "https")]
            let index = try await mallory.get("/")
            #expect(index.body.contains("Log in</a>"))
            #expect(!index.body.contains("href=\"/@alice\">@alice</a>"))
            #expect(try await mallory.post("/@releases", [("csrf", index.csrf ?? ""), ("status", "as alice")]).status == 403)
            try f.hub.store.setUser(username: "alice", password: "alice password")
            let login = try await mallory.logIn("alice", "alice password")
            let cookie = login.headers.first { $0.0 == "set-cookie" && $0.1.hasPrefix("crier_session=") }?.1 ?? ""
            #expect(login.status == 303 && !cookie.contains("Secure"))
        }
    }
}
