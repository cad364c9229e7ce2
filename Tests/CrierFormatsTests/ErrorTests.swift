import Foundation
import Testing
@testable import CrierFormats

/// Documents that are not feeds must fail with a message that says why.
@Suite("Not a feed")
struct ErrorTests {
    private func message(_ data: [UInt8]) -> String? {
        do {
            _ = try FeedParser.parse(data)
            return nil
        } catch let error as FeedParseError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("an HTML page names its root element")
    func htmlPage() throws {
        #expect(message(try Fixtures.bytes("errors/html-page.html")) == "not a feed: root element <html>")
    }

    @Test("OPML is not a feed")
    func opml() throws {
        #expect(message(try Fixtures.bytes("errors/opml.xml")) == "not a feed: root element <opml>")
    }

    @Test("empty bodies", arguments: ["", "   \n\t  \n", "\u{FEFF}"])
    func empty(_ body: String) {
        #expect(message(Array(body.utf8)) == "empty document")
    }

    @Test("whitespace-only file")
    func whitespaceFile() throws {
        #expect(message(try Fixtures.bytes("errors/whitespace-only.xml")) == "empty document")
    }

    @Test("a prolog without a root element")
    func prologOnly() throws {
        let m = try #require(message(try Fixtures.bytes("errors/prolog-only.xml")))
        #expect(m.hasPrefix("not a feed: no XML root element"))
    }

    @Test("JSON that is not a JSON Feed")
    func jsonNotFeed() throws {
        #expect(message(try Fixtures.bytes("errors/json-not-feed.json")) == "not a feed: JSON object without a JSON Feed version")
        #expect(message(Array("[1,2]".utf8)) == "not a feed: JSON document is not an object")
        #expect(message(Array("{broken".utf8)) == "not a feed: invalid JSON")
    }

    @Test("plain text garbage")
    func garbage() {
        let m = message(Array("Service Unavailable".utf8))
        #expect(m?.hasPrefix("not a feed") == true)
    }

    @Test("FeedParseError describes itself with its message")
    func description() {
        #expect(String(describing: FeedParseError(message: "empty document")) == "empty document")
    }
}
