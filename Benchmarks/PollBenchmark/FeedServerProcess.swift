import CrierTestSupport
import Foundation

/// The benchmark's feed server: `feeds` RSS documents of 20 items each, with ETags, so a second
/// cycle is all 304s. It prints its port, then serves until stdin closes (bounded to 10 minutes).
enum FeedServerProcess {
    static func serve(feeds: Int) async throws {
        let documents = (0..<feeds).map { feed in
            FeedDocument(title: "Feed \(feed)", entries: (0..<20).map { n in
                FeedDocument.Entry(
                    guid: "feed-\(feed)-item-\(n)", title: "Item \(n) of feed \(feed): a headline of ordinary length",
                    link: "https://example.com/\(feed)/\(n)",
                    description: "<p>A summary paragraph with <b>some</b> markup &amp; an entity, as real feeds have. Item \(n).</p>")
            }).bytes
        }
        let server = try await FixtureServer.start { request in
            let index = Int(request.path.dropFirst(6).prefix { $0.isNumber }) ?? -1
            guard documents.indices.contains(index) else { return .text("no such feed", status: 404) }
            let etag = "\"feed-\(index)-v1\""
            if request.headers["if-none-match"] == etag { return FixtureResponse(status: 304, headers: [("ETag", etag)]) }
            return FixtureResponse(status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", etag)], body: documents[index])
        }
        FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        let deadline = Date().addingTimeInterval(600)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while FileHandle.standardInput.availableData.count > 0 {}
            }
            group.addTask { try? await Task.sleep(for: .seconds(max(deadline.timeIntervalSinceNow, 0))) }
            await group.next()
            group.cancelAll()
        }
        await server.stop()
        exit(0)
    }
}
