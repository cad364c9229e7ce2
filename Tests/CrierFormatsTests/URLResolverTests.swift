import Foundation
import Testing
@testable import CrierFormats

@Suite("URL resolution")
struct URLResolverTests {
    @Test("fast path and Foundation agree", arguments: [
        ("/a/b.png", "https://example.com/blog/post.html?x=1", "https://example.com/a/b.png"),
        ("//cdn.example.net/x.png", "https://example.com/blog/", "https://cdn.example.net/x.png"),
        ("img/c.png", "https://example.com/blog/post.html", "https://example.com/blog/img/c.png"),
        ("img/c.png", "https://example.com", "https://example.com/img/c.png"),
        ("../up.png", "https://example.com/a/b/", "https://example.com/a/up.png"),
        ("?page=2", "https://example.com/list?page=1", "https://example.com/list?page=2"),
        ("#top", "https://example.com/doc", "https://example.com/doc#top"),
        ("https://other.example/x", "https://example.com/", "https://other.example/x"),
        ("x", "http://example.com:8080/a/b", "http://example.com:8080/a/x"),
    ])
    func resolves(_ ref: String, _ base: String, _ expected: String) {
        var resolver = URLResolver()
        #expect(resolver.resolve(ref, against: base) == expected)
        #expect(URL(string: ref, relativeTo: URL(string: base))?.absoluteString == expected)
    }

    @Test("refused schemes")
    func refused() {
        var resolver = URLResolver()
        for ref in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"] {
            #expect(resolver.resolve(ref, against: "https://example.com/") == nil, "\(ref)")
        }
        #expect(resolver.resolve("", against: nil) == nil)
    }
}
