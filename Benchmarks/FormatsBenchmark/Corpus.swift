/// Builds realistic feed documents in memory, deterministically (same bytes every run).
enum Corpus {
    /// A tiny deterministic generator (SplitMix64), so runs are comparable.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: Range<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
    }

    static let words = [
        "release", "server", "update", "security", "kernel", "policy", "network", "storage",
        "feature", "design", "migration", "cluster", "latency", "report", "weekly", "notes",
        "performance", "café", "naïve", "résumé", "team", "project", "roadmap", "incident",
        "database", "timeout", "budget", "review", "deploy", "backup", "monitor", "résultat",
    ]
    static let categories = ["Linux", "Ops", "News", "Security", "Releases", "Community", "Swift", "Databases"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func sentence(_ r: inout Random, _ count: Int) -> String {
        (0..<count).map { _ in r.pick(words) }.joined(separator: " ")
    }

    /// HTML body of an item: paragraphs, a link, emphasis, an image, HTML entities.
    static func html(_ r: inout Random, _ i: Int) -> String {
        var s = "<p>\(sentence(&r, 14)) &amp; \(sentence(&r, 6))&nbsp;&mdash; <em>\(sentence(&r, 3))</em>.</p>"
        s += "<p>See <a href=\"https://www.example.com/posts/\(i)?ref=feed&amp;x=1\">the post</a> "
        s += "and <img src=\"/images/\(i).jpg\" alt=\"figure \(i)\"> \(sentence(&r, 20)) &hellip;</p>"
        if i % 3 == 0 { s += "<ul><li>\(sentence(&r, 4))</li><li>\(sentence(&r, 5))</li></ul>" }
        s += "<p>\(sentence(&r, r.int(10..<40)))</p>"
        return s
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + s.utf8.count / 4)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func rfc822(_ r: inout Random) -> String {
        let day = r.int(1..<29), hour = r.int(0..<24), minute = r.int(0..<60), second = r.int(0..<60)
        return "\(r.pick(days)), \(day < 10 ? "0" : "")\(day) \(r.pick(months)) 20\(r.int(10..<25)) "
            + "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):\(second < 10 ? "0" : "")\(second) +0000"
    }

    static func rfc3339(_ r: inout Random) -> String {
        let month = r.int(1..<13), day = r.int(1..<29)
        return "20\(r.int(10..<25))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T\(10 + r.int(0..<14)):\(10 + r.int(0..<50)):\(10 + r.int(0..<50))Z"
    }

    /// An RSS 2.0 document of about `targetBytes`.
    static func rss(targetBytes: Int) -> [UInt8] {
        var r = Random(state: 42)
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>Benchmark Weekly &amp; Friends</title>
        <link>https://www.example.com/</link>
        <description>Generated corpus</description>
        <ttl>60</ttl>
        <atom:link href="https://www.example.com/feed.xml" rel="self" type="application/rss+xml"/>

        """
        var i = 0
        while s.utf8.count < targetBytes {
            i += 1
            s += "<item>\n"
            s += "  <title>\(escape(sentence(&r, r.int(4..<10)).capitalized)) &amp; more &#8217;\(i)</title>\n"
            s += "  <link>https://www.example.com/posts/\(i)</link>\n"
            s += i % 4 == 0
                ? "  <guid isPermaLink=\"false\">tag:example.com,2024:\(i)</guid>\n"
                : "  <guid>https://www.example.com/posts/\(i)</guid>\n"
            s += "  <pubDate>\(rfc822(&r))</pubDate>\n"
            s += "  <dc:creator>\(r.pick(["Ana Lima", "Bo Chen", "Chloé Martin", "Dev Patel"]))</dc:creator>\n"
            for _ in 0..<r.int(1..<4) { s += "  <category>\(r.pick(categories))</category>\n" }
            let body = html(&r, i)
            if i % 2 == 0 {
                s += "  <description>\(escape(body))</description>\n"
            } else {
                s += "  <description><![CDATA[\(body)]]></description>\n"
            }
            s += "</item>\n"
        }
        s += "</channel>\n</rss>\n"
        return Array(s.utf8)
    }

    /// An Atom 1.0 document of about `targetBytes`.
    static func atom(targetBytes: Int) -> [UInt8] {
        var r = Random(state: 7)
        var s = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Benchmark Atom &amp; Co</title>
        <link rel="alternate" href="https://atom.example.com/"/>
        <link rel="self" href="https://atom.example.com/feed.atom"/>
        <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
        <updated>2024-05-01T12:00:00Z</updated>
        <author><name>Bench Writer</name></author>

        """
        var i = 0
        while s.utf8.count < targetBytes {
            i += 1
            s += "<entry>\n"
            s += "  <title type=\"html\">\(escape(sentence(&r, r.int(4..<10)).capitalized)) &amp;amp; more \(i)</title>\n"
            s += "  <link rel=\"alternate\" type=\"text/html\" href=\"https://atom.example.com/entries/\(i)\"/>\n"
            s += "  <id>tag:atom.example.com,2024:entry-\(i)</id>\n"
            s += "  <published>\(rfc3339(&r))</published>\n"
            s += "  <updated>\(rfc3339(&r))</updated>\n"
            s += "  <author><name>\(r.pick(["Ana Lima", "Bo Chen", "Chloé Martin", "Dev Patel"]))</name></author>\n"
            for _ in 0..<r.int(1..<4) { s += "  <category term=\"\(r.pick(categories))\"/>\n" }
            s += "  <summary type=\"html\">\(escape("<p>" + sentence(&r, 12) + " &amp; " + sentence(&r, 4) + "</p>"))</summary>\n"
            s += "  <content type=\"html\">\(escape(html(&r, i)))</content>\n"
            s += "</entry>\n"
        }
        s += "</feed>\n"
        return Array(s.utf8)
    }
}
