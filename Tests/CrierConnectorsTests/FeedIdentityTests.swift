import CrierCore
import Foundation
import Testing

/// The feed connector's identity ladder on real documents served over loopback: an entry is known by
/// its guid, else its link, else a hash of its content; keys are stable from poll to poll (also when
/// entries share a guid and a new one with that guid is prepended), and items come back oldest first.
@Suite struct FeedIdentityTests {
    @Test func eachEntryClimbsTheLadderToItsOwnStableKey() async throws {
        try await RoutedServer.with { server in
            server.set("/rss.xml", .feed(try Fixtures.bytes("rss2-sample.xml")))
            let connector = try FeedHarness.connector(server.url("/rss.xml"))
            let first = try await FeedHarness.poll(connector)
            let second = try await FeedHarness.poll(connector)

            // Oldest first by date, whatever the document order: May 27 (link), May 30 (hash), June 3 (guid).
            #expect(first.items.map(\.title) == ["The Engine That Does More", "", "Star City"])
            #expect(first.items[0].key == "http://liftoff.msfc.nasa.gov/news/2003/news-VASIMR.asp")
            #expect(first.items[1].key.hasPrefix("sha256:"))
            #expect(first.items[2].key == "http://liftoff.msfc.nasa.gov/2003/06/03.html#item573")
            #expect(first.isCompleteWindow)
            #expect(second.items.map(\.key) == first.items.map(\.key))
            #expect(second.items.map(\.fingerprint) == first.items.map(\.fingerprint))
        }
    }

    @Test func theContentHashFollowsTheContentAndNothingElse() async throws {
        try await RoutedServer.with { server in
            let original = String(decoding: try Fixtures.bytes("rss2-sample.xml"), as: UTF8.self)
            server.set("/rss.xml", .feed(Array(original.utf8)))
            let connector = try FeedHarness.connector(server.url("/rss.xml"))
            let before = try await FeedHarness.poll(connector)
            let hashed = try #require(before.items.first { $0.key.hasPrefix("sha256:") })

            // A new date does not change the identity of an entry without guid and link...
            let redated = original.replacingOccurrences(of: "Fri, 30 May 2003 11:06:42 GMT", with: "Sat, 31 May 2003 07:00:00 GMT")
            server.set("/rss.xml", .feed(Array(redated.utf8)))
            #expect(try await FeedHarness.poll(connector).items.contains { $0.key == hashed.key })

            // ...but new text does: without a guid or a link, the text is the identity.
            let rewritten = original.replacingOccurrences(of: "Sky watchers in Europe", with: "Sky watchers in Africa")
            server.set("/rss.xml", .feed(Array(rewritten.utf8)))
            let after = try await FeedHarness.poll(connector)
            #expect(!after.items.contains { $0.key == hashed.key })
            #expect(after.items.filter { $0.key.hasPrefix("sha256:") }.count == 1)
        }
    }

    @Test func undatedEntriesComeBackInReverseDocumentOrder() async throws {
        try await RoutedServer.with { server in
            server.set("/feed.json", .feed(try Fixtures.bytes("jsonfeed-1.1.json"), contentType: "application/feed+json"))
            let result = try await FeedHarness.poll(try FeedHarness.connector(server.url("/feed.json")))
            #expect(result.items.map(\.key) == ["1", "2"])
            #expect(result.items.map(\.link) == ["https://example.org/initial-post", "https://example.org/second-item"])
        }
    }

    /// Each case folder holds two polls of one feed whose entries share a guid; the second poll
    /// prepends entries. Old entries must keep their identity (same key, or an alias of the old key
    /// that ingest accepts), and a real state store must queue exactly the new entries, as new posts.
    @Test(arguments: Fixtures.identityCases)
    func entriesSharingAGuidKeepTheirIdentity(_ name: String) async throws {
        try await RoutedServer.with { server in
            server.set("/feed.xml", .feed(try Fixtures.bytes("identity/\(name)/poll1.xml")))
            let connector = try FeedHarness.connector(server.url("/feed.xml"))
            let first = try await FeedHarness.poll(connector)
            server.set("/feed.xml", .feed(try Fixtures.bytes("identity/\(name)/poll2.xml")))
            let second = try await FeedHarness.poll(connector)

            #expect(Set(first.items.map(\.key)).count == first.items.count, "keys within one poll are distinct")
            #expect(Set(second.items.map(\.key)).count == second.items.count, "keys within one poll are distinct")
            for old in first.items {
                let again = try #require(second.items.first { $0.title == old.title })
                #expect(again.key == old.key || again.aliases.contains(old.key),
                        "'\(old.title)' was \(old.key), now \(again.key) with aliases \(again.aliases)")
            }

            let store = try StateStore()
            try FeedHarness.commit(first, to: store)
            let outcome = try FeedHarness.commit(second, to: store)
            let oldTitles = Set(first.items.map(\.title))
            let newTitles = second.items.map(\.title).filter { !oldTitles.contains($0) }
            let rows = try store.outboxRows(state: .pending)
            #expect(rows.compactMap { try? $0.item().title } == newTitles, "only the new entries are queued")
            #expect(rows.map(\.action) == newTitles.map { _ in OutboxAction.post }, "new entries are new posts, not edits")
            #expect(outcome.updatedItems == 0, "no old entry was changed")
            #expect(outcome.departedItems == 0, "no old entry left the feed")
        }
    }
}
