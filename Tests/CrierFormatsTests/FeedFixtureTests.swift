import Foundation
import Testing
@testable import CrierFormats

/// Golden cases: each `Fixtures/feeds/<case>/` holds a feed (`feed.xml` or `feed.json`) and
/// `expected.json`, which lists only the fields that case is about.
@Suite("Feed fixtures")
struct FeedFixtureTests {
    @Test("golden case", arguments: Fixtures.feedCases)
    func goldenCase(_ name: String) throws {
        let files = Fixtures.files(in: "feeds/\(name)")
        let feedFile = try #require(files.first { $0.hasPrefix("feed.") })
        let data = try Fixtures.bytes("feeds/\(name)/\(feedFile)")
        let expectedData = try Data(contentsOf: Fixtures.root.appendingPathComponent("feeds/\(name)/expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])

        let feed = try FeedParser.parse(
            data, contentType: expected["contentType"] as? String, baseURL: expected["baseURL"] as? String)

        if let format = expected["format"] as? String { #expect(feed.format.rawValue == format) }
        if let title = expected["title"] as? String { #expect(feed.title == title) }
        if expected.keys.contains("link") { #expect(feed.link == expected["link"] as? String) }
        if let ttl = expected["ttlMinutes"] as? Int { #expect(feed.ttlMinutes == ttl) }
        if let count = expected["entryCount"] as? Int { #expect(feed.entries.count == count) }
        if let warnings = expected["warnings"] as? [String] { #expect(feed.warnings == warnings) }
        for warning in (expected["warningsContain"] as? [String]) ?? [] {
            #expect(feed.warnings.contains(warning), "warnings: \(feed.warnings)")
        }
        let entries = (expected["entries"] as? [[String: Any]]) ?? []
        try #require(feed.entries.count >= entries.count)
        for (i, want) in entries.enumerated() {
            check(feed.entries[i], want, "\(name) entry \(i)")
        }
        assertInert(feed)
    }

    private func check(_ entry: FeedEntry, _ want: [String: Any], _ label: String) {
        let c = Comment(rawValue: label)
        if want.keys.contains("id") { #expect(entry.id == want["id"] as? String, c) }
        if let v = want["idIsPermaLink"] as? Bool { #expect(entry.idIsPermaLink == v, c) }
        if want.keys.contains("link") { #expect(entry.link == want["link"] as? String, c) }
        if let v = want["title"] as? String { #expect(entry.title == v, c) }
        if let v = want["summary"] as? String { #expect(entry.summary == v, c) }
        for s in (want["summaryExcludes"] as? [String]) ?? [] { #expect(!entry.summary.contains(s), c) }
        if let v = want["authors"] as? [String] { #expect(entry.authors == v, c) }
        if let v = want["categories"] as? [String] { #expect(entry.categories == v, c) }
        if let v = want["imageURLs"] as? [String] { #expect(entry.imageURLs == v, c) }
        for key in ["published", "updated"] {
            guard let s = want[key] as? String else { continue }
            let got = key == "published" ? entry.published : entry.updated
            let expected = isoDate(s)
            #expect(expected != nil, c)
            #expect(abs((got?.timeIntervalSince1970 ?? 0) - (expected?.timeIntervalSince1970 ?? -1)) < 0.001, c)
        }
        if let v = want["enclosures"] as? [[String: Any]] {
            let expected = v.map {
                FeedEnclosure(url: $0["url"] as? String ?? "", type: $0["type"] as? String, length: $0["length"] as? Int)
            }
            #expect(entry.enclosures == expected, c)
        }
    }
}

/// Every text field of a parsed feed must be safe to hand to any sink.
func assertInert(_ feed: Feed, sourceLocation: SourceLocation = #_sourceLocation) {
    var texts = [feed.title]
    for entry in feed.entries {
        texts += [entry.title, entry.summary] + entry.authors + entry.categories
    }
    for text in texts {
        #expect(!containsTag(text), "markup in \(text.debugDescription)", sourceLocation: sourceLocation)
        let controls = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        }
        #expect(controls.isEmpty, "control characters in \(text.debugDescription)", sourceLocation: sourceLocation)
    }
}

/// A `<` followed by something that would open a tag in HTML.
func containsTag(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    for (i, s) in scalars.enumerated() where s == "<" && i + 1 < scalars.count {
        let next = scalars[i + 1]
        if next.properties.isAlphabetic && next.isASCII || next == "/" || next == "!" || next == "?" { return true }
    }
    return false
}
