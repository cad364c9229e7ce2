@testable import CrierConnectors
import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// Replies become Confluence comments: the request body the server receives, attribution and
/// marker included; a retry that finds its marker among the page's comments writes nothing;
/// the receipt's echo key is the one the next poll gives the comment.
@Suite struct ConfluenceReplyTests {
    /// The items of the first-poll fixture: blog post, page, comment.
    static func items(_ server: RoutedServer) async throws -> [Item] {
        try ConfluenceHarness.serveSearch(server)
        return try await ConfluenceHarness.poll(try ConfluenceHarness.connector(server.baseURL)).items
    }

    /// The JSON object a request carried.
    static func json(_ request: FixtureRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func aReplyToAPageBecomesACommentWithAttributionAndMarker() async throws {
        try await RoutedServer.with { server in
            let page = try #require(try await Self.items(server).first { $0.key == "393219@v2" })
            server.set(ConfluenceHarness.commentsPath, try ConfluenceHarness.fixture("comments-none.json"))
            server.set(ConfluenceHarness.contentPath, try ConfluenceHarness.fixture("comment-created.json"))
            let connector = try ConfluenceHarness.connector(server.baseURL, ["username": .string("crier-bot"), "password": .string("pw")])

            let receipt = try await connector.reply(ConfluenceHarness.reply(to: page, text: "Sounds good & thanks\n<b>really</b>"), logger: quietLogger)
            #expect(receipt == ReplyReceipt(remoteId: "98400", echoKeys: ["comment:98400"]))

            let check = try #require(server.requests.first { $0.path == ConfluenceHarness.commentsPath })
            #expect(check.method == "GET")
            #expect(check.query["expand"] == "body.storage")
            #expect(check.query["depth"] == "all")
            let post = try #require(server.requests.last)
            #expect(post.method == "POST")
            #expect(post.path == ConfluenceHarness.contentPath)
            #expect(post.headers["content-type"] == "application/json")
            #expect(post.headers["authorization"] == "Basic " + Data("crier-bot:pw".utf8).base64EncodedString())
            let body = try Self.json(post)
            #expect(body["type"] as? String == "comment")
            #expect(body["container"] as? [String: String] == ["id": "393219", "type": "page"])
            #expect(body["ancestors"] == nil)
            let storage = try #require((body["body"] as? [String: Any])?["storage"] as? [String: String])
            #expect(storage["representation"] == "storage")
            #expect(storage["value"] == "<p>Sounds good &amp; thanks<br />&lt;b&gt;really&lt;/b&gt;</p>"
                + "<p>— Erin (@erin) on the microblog: https://hub.example/@news/42</p>"
                + "<!-- crier:crier-0123456789abcdef -->")
        }
    }

    @Test func aReplyToACommentAnswersThatCommentOnItsPage() async throws {
        try await RoutedServer.with { server in
            let comment = try #require(try await Self.items(server).first { $0.key == "98310@v1" })
            server.set(ConfluenceHarness.commentsPath, try ConfluenceHarness.fixture("comments-none.json"))
            server.set(ConfluenceHarness.contentPath, try ConfluenceHarness.fixture("comment-created.json"))
            _ = try await ConfluenceHarness.connector(server.baseURL).reply(ConfluenceHarness.reply(to: comment, url: nil), logger: quietLogger)
            let body = try Self.json(try #require(server.requests.last))
            #expect(body["container"] as? [String: String] == ["id": "393219", "type": "page"])
            #expect(body["ancestors"] as? [[String: String]] == [["id": "98310"]])
            let value = try #require(((body["body"] as? [String: Any])?["storage"] as? [String: String])?["value"])
            #expect(value.contains("<p>— Erin (@erin) on the microblog</p>"))
        }
    }

    @Test func aReplyToABlogPostNamesTheBlogPostAsContainer() async throws {
        try await RoutedServer.with { server in
            let post = try #require(try await Self.items(server).first { $0.key == "393230@v1" })
            server.set("/rest/api/content/393230/child/comment", try ConfluenceHarness.fixture("comments-none.json"))
            server.set(ConfluenceHarness.contentPath, try ConfluenceHarness.fixture("comment-created.json"))
            _ = try await ConfluenceHarness.connector(server.baseURL).reply(ConfluenceHarness.reply(to: post), logger: quietLogger)
            #expect(try Self.json(try #require(server.requests.last))["container"] as? [String: String] == ["id": "393230", "type": "blogpost"])
        }
    }

    @Test func aReplyWhoseMarkerIsAlreadyThereWritesNothing() async throws {
        try await RoutedServer.with { server in
            let page = try #require(try await Self.items(server).first { $0.key == "393219@v2" })
            server.set(ConfluenceHarness.commentsPath, try ConfluenceHarness.fixture("comments-with-marker.json"))
            let receipt = try await ConfluenceHarness.connector(server.baseURL).reply(ConfluenceHarness.reply(to: page), logger: quietLogger)
            #expect(receipt == ReplyReceipt(remoteId: "98400", echoKeys: ["comment:98400"]))
            #expect(!server.requests.contains { $0.method == "POST" })
        }
    }

    @Test func aCommentWhoseHTMLCommentWasDroppedIsStillRecognizedByItsAttribution() {
        let item = Item(key: "393219@v2", fingerprint: "x", title: "t", fields: ["type": "page", "content_id": "393219"])
        let request = ConfluenceHarness.reply(to: item)
        let saved = "<p>Sounds good &amp; thanks</p><p>— Erin (@erin) on the microblog: https://hub.example/@news/42</p>"
        #expect(ConfluenceStorageFormat.isReply(saved, of: request))
        #expect(!ConfluenceStorageFormat.isReply("<p>— Erin (@erin) on the microblog: https://hub.example/@news/43</p>", of: request))
    }

    @Test func aFailedWriteIsClassified() async throws {
        try await RoutedServer.with { server in
            let page = try #require(try await Self.items(server).first { $0.key == "393219@v2" })
            server.set(ConfluenceHarness.commentsPath, try ConfluenceHarness.fixture("comments-none.json"))
            server.set(ConfluenceHarness.contentPath, FixtureResponse(status: 503, headers: [("Retry-After", "60")]))
            let connector = try ConfluenceHarness.connector(server.baseURL)
            let busy = try await #require(throws: ConnectorError.self) { try await connector.reply(ConfluenceHarness.reply(to: page), logger: quietLogger) }
            #expect(busy.kind == .transient)
            #expect(busy.retryAfter == .seconds(60))

            server.set(ConfluenceHarness.contentPath, .json(#"{"statusCode":403,"message":"Not permitted to add comments"}"#, status: 403))
            let refused = try await #require(throws: ConnectorError.self) { try await connector.reply(ConfluenceHarness.reply(to: page), logger: quietLogger) }
            #expect(refused.kind == .permanent)
            #expect(refused.message.contains(server.baseURL + ConfluenceHarness.contentPath))
        }
    }

    @Test func anItemWithoutContentIdCannotBeAnswered() async throws {
        let item = Item(key: "x", fingerprint: "x", title: "t")
        let error = try await #require(throws: ConnectorError.self) {
            try await ConfluenceHarness.connector("http://127.0.0.1:1").reply(ConfluenceHarness.reply(to: item), logger: quietLogger)
        }
        #expect(error.kind == .permanent)
    }
}
