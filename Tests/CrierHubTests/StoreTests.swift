@testable import CrierHub
import Foundation
import Testing

@Suite("Hub store")
struct StoreTests {
    @Test("Tokens are stored only as hashes, and are stable per label")
    func tokensAreHashed() async throws {
        let directory = try RunningHub.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = RunningHub.databasePath(in: directory)
        var token = ""
        do {
            let store = try HubStore(path: path)
            let group = try store.ensureGroup(username: "ops", displayName: "Ops", note: "")
            token = try store.token(for: group.id, label: "crier")
            #expect(try store.token(for: group.id, label: "crier") == token)
            #expect(try store.token(for: group.id, label: "other") != token)
            #expect(try await store.account(bearer: token)?.username == "ops")
            #expect(try await store.account(bearer: "nope") == nil)
        }
        // Read every file of the database (main file and WAL).
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let bytes = try files.reduce(into: Data()) { $0 += try Data(contentsOf: directory.appendingPathComponent($1)) }
        #expect(bytes.range(of: Data(token.utf8)) == nil)
        #expect(bytes.range(of: Data(HubStore.tokenHash(token).utf8)) != nil)
        #expect(token.count == 64)
    }

    @Test("ensureGroup creates once and updates the display name and note")
    func ensureGroup() throws {
        let directory = try RunningHub.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HubStore(path: RunningHub.databasePath(in: directory))
        let created = try store.ensureGroup(username: "ops", displayName: "Ops", note: "a")
        let updated = try store.ensureGroup(username: "ops", displayName: "Operations", note: "b")
        #expect(updated.id == created.id)
        #expect(updated.displayName == "Operations" && updated.isGroup)
        #expect(try store.account(username: "OPS") == updated)
        #expect(try store.account(username: "nobody") == nil)
        #expect(throws: HubStoreError.usernameTaken("ops")) { try store.ensureUser(username: "ops", displayName: "x") }
        #expect(throws: HubStoreError.invalidUsername("no spaces")) {
            try store.ensureGroup(username: "no spaces", displayName: "x", note: "")
        }
        let user = try store.ensureUser(username: "bob", displayName: "Bob")
        #expect(!user.isGroup)
        #expect(throws: HubStoreError.accountNotFound("999")) { try store.token(for: "999", label: "x") }
    }
}

@Suite("Status text")
struct StatusTextTests {
    @Test("Length counts graphemes, and 23 per URL", arguments: [
        ("hello", 5),
        ("héllo 👩‍👩‍👧", 7),
        ("see https://example.org/a/very/long/path/that/goes/on", 27),
        ("two http://a.example and https://b.example/x.", 4 + 23 + 5 + 23 + 1),
        ("(https://example.org/x)", 25),
        ("nohttps://example.org", 21),
        ("http://", 7),
    ])
    func length(text: String, expected: Int) {
        #expect(StatusText.length(of: text) == expected)
    }

    @Test("Content HTML: paragraphs, line breaks, links, escaping")
    func html() {
        #expect(StatusText.html("a\nb\n\n\nc").markup == "<p>a<br />b</p><p>c</p>")
        #expect(StatusText.html("x\r\n\r\ny").markup == "<p>x</p><p>y</p>")
        #expect(StatusText.html("go to https://e.org/?a=1&b=<2>.").markup
            == "<p>go to <a href=\"https://e.org/?a=1&amp;b=\" rel=\"nofollow noopener\" target=\"_blank\">https://e.org/?a=1&amp;b=</a>&lt;2&gt;.</p>")
        #expect(StatusText.html("  ").markup == "")
        #expect(StatusText.isBlank(" \n\t"))
        #expect(!StatusText.isBlank(" a "))
    }

    @Test("Timestamps format as ISO 8601 UTC with milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_574_495_342_064, "2019-11-23T07:49:02.064Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func timestamps(milliseconds: Int64, expected: String) {
        #expect(Timestamp(milliseconds: milliseconds).iso8601 == expected)
    }

    @Test("Descendants are ordered depth-first")
    func depthFirst() {
        func status(_ id: Int64, _ parent: Int64?) -> StatusRecord {
            StatusRecord(
                id: id, accountId: 1, inReplyToId: parent, inReplyToAccountId: nil, text: "", visibility: "public",
                createdAt: .now(), editedAt: nil, idempotencyKey: nil, repliesCount: 0
            )
        }
        let ordered = HubStore.depthFirst([status(5, 2), status(3, 1), status(2, 1), status(4, 2)], root: 1)
        #expect(ordered.map(\.rowID) == [2, 4, 5, 3])
    }
}
