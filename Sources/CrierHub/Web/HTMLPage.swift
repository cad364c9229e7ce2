import Foundation

/// A complete server-rendered page: the document shell, a tiny inline style sheet (no external
/// assets, as the Content-Security-Policy allows none) and a body.
struct HTMLPage: Sendable {
    /// The `<title>`, escaped.
    var title: String
    /// The instance title, linked to `/` in the header.
    var siteTitle: String
    /// The page content.
    var body: HTML

    /// Escapes text for HTML content and attributes (see ``HTML/escape(_:)``).
    static func escape(_ text: some StringProtocol) -> String {
        HTML.escape(text)
    }

    /// The whole document.
    func render() -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>\(Self.styleSheet)</style>
        </head>
        <body>
        <header><a href="/">\(siteTitle)</a></header>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    private static let styleSheet: HTML = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:42rem;margin:0 auto;\
        padding:0 1rem 2rem;color:#1d1d1f;background:#fff}\
        header{padding:1rem 0;border-bottom:1px solid #ddd;font-weight:600}\
        header a{color:inherit;text-decoration:none}\
        a{color:#2754c5}h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.1rem;margin:0}\
        ul.groups{list-style:none;padding:0}ul.groups li{padding:.75rem 0;border-bottom:1px solid #eee}\
        article{padding:.75rem 0;border-bottom:1px solid #eee;overflow-wrap:anywhere}\
        article p,.note p{margin:.3rem 0}.meta{color:#666;font-size:.85rem}\
        .reply{border-left:3px solid #ddd;padding-left:.75rem}\
        nav{padding:1rem 0}\
        @media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161618}\
        a{color:#8ab4ff}header,article,ul.groups li{border-color:#333}.meta{color:#999}}
        """

    /// A human-readable UTC time, such as `2024-05-01 14:03 UTC`.
    static func displayTime(_ time: Timestamp) -> String {
        let stamp = time.iso8601
        return stamp.prefix(10) + " " + stamp.dropFirst(11).prefix(5) + " UTC"
    }
}
