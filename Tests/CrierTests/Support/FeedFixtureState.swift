import CrierTestSupport
import Foundation
import Synchronization

/// Feeds a fixture server serves, changeable while a test runs, with ETag support and failure modes.
final class FeedFixtureState: Sendable {
    struct Feed: Sendable {
        var document: FeedDocument
        var version = 1
        /// Answers 500 this many more times.
        var failuresLeft = 0
        var delay: Duration?
        var supportsETag = false
    }

    private let feeds = Mutex<[String: Feed]>([:])
    private let answers = Mutex<[String: [Int]]>([:])

    func set(_ path: String, _ feed: Feed) { feeds.withLock { $0[path] = feed } }

    func update(_ path: String, _ change: (inout FeedDocument) -> Void) {
        feeds.withLock { feeds in
            change(&feeds[path]!.document)
            feeds[path]!.version += 1
        }
    }

    /// The statuses this path answered with, in order.
    func statuses(_ path: String) -> [Int] { answers.withLock { $0[path] ?? [] } }

    func respond(_ request: FixtureRequest) async -> FixtureResponse {
        let (feed, failing) = feeds.withLock { feeds -> (Feed?, Bool) in
            guard var feed = feeds[request.path] else { return (nil, false) }
            let failing = feed.failuresLeft > 0
            if failing { feed.failuresLeft -= 1 }
            feeds[request.path] = feed
            return (feed, failing)
        }
        guard let feed else { return record(request.path, .text("no such feed", status: 404)) }
        if let delay = feed.delay { try? await Task.sleep(for: delay) }
        if failing { return record(request.path, .text("boom", status: 500)) }
        let etag = "\"v\(feed.version)\""
        if feed.supportsETag, request.headers["if-none-match"] == etag {
            return record(request.path, FixtureResponse(status: 304, headers: [("ETag", etag)]))
        }
        var headers = [("Content-Type", "application/rss+xml")]
        if feed.supportsETag { headers.append(("ETag", etag)) }
        return record(request.path, FixtureResponse(status: 200, headers: headers, body: feed.document.bytes))
    }

    private func record(_ path: String, _ response: FixtureResponse) -> FixtureResponse {
        answers.withLock { $0[path, default: []].append(response.status) }
        return response
    }
}
