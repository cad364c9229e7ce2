import Foundation

/// A complete server-rendered page: the document shell, a tiny inline style sheet and the inline
/// ``LiveScript`` (no external assets, as the Content-Security-Policy allows none), a header with
/// navigation, and a body.
struct HTMLPage: Sendable {
    /// The `<title>`, escaped.
    var title: String
    /// The instance title, linked to `/` in the header.
    var siteTitle: String
    /// The page content.
    var body: HTML
    /// The header's right-hand side (search, log-in state); empty by default.
    var nav: HTML = ""

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
        <meta name="referrer" content="same-origin">
        <title>\(title)</title>
        <style>\(Self.styleSheet)</style>
        </head>
        <body>
        <header><a class="site" href="/">\(siteTitle)</a>\(nav)</header>
        <main>
        \(body)
        </main>
        <script>\(HTML(trusted: LiveScript.source))</script>
        </body>
        </html>
        """
    }

    private static let styleSheet: HTML = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:42rem;margin:0 auto;\
        padding:0 1rem 2rem;color:#1d1d1f;background:#fff}\
        header{padding:1rem 0;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}\
        header .site{color:inherit;text-decoration:none;font-weight:600;margin-right:auto}\
        header form{display:inline;margin:0}\
        a{color:#2754c5}h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.1rem;margin:0}\
        ul.groups{list-style:none;padding:0}ul.groups li{padding:.75rem 0;border-bottom:1px solid #eee}\
        article{padding:.75rem 0;border-bottom:1px solid #eee;overflow-wrap:anywhere}\
        article.new{animation:hl 3s}@keyframes hl{from{background:#fff7c2}}\
        article p,.note p{margin:.3rem 0}.meta{color:#666;font-size:.85rem}\
        .badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:.6rem;background:#e8eefc;\
        color:#2754c5;text-decoration:none;margin-right:.25rem}.closed{background:#fde8e8;color:#a12}\
        .reply{border-left:3px solid #ddd;padding-left:.75rem}\
        form.post textarea{width:100%;box-sizing:border-box;min-height:5rem;font:inherit}\
        form.stack input[type=text],form.stack input[type=password],form.stack input[type=search]{width:100%;\
        box-sizing:border-box;font:inherit;padding:.3rem;margin:.2rem 0 .6rem}\
        button{font:inherit;padding:.3rem .9rem}.error{color:#a12}\
        nav{padding:1rem 0}\
        @media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161618}\
        a{color:#8ab4ff}header,article,ul.groups li{border-color:#333}.meta{color:#999}\
        .badge{background:#243152;color:#8ab4ff}article.new{animation:none}}
        """

    /// A human-readable UTC time, such as `2024-05-01 14:03 UTC`.
    static func displayTime(_ time: Timestamp) -> String {
        let stamp = time.iso8601
        return stamp.prefix(10) + " " + stamp.dropFirst(11).prefix(5) + " UTC"
    }
}
