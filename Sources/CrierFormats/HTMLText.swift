/// Plain text and images out of HTML fragments, as feeds carry them.
///
/// ```swift
/// HTMLText.plainText(fromHTML: "<p>Caf&eacute;</p><ul><li>one</li></ul>")  // "Café\n• one"
/// HTMLText.imageSources(inHTML: #"<img src="/a.png">"#)                      // ["/a.png"]
/// ```
///
/// Each call uses its own libxml2 parser context, so calls may run on any thread.
public enum HTMLText {
    /// Converts an HTML fragment to inert plain text.
    ///
    /// libxml2's HTML parser reads the fragment (in SAX mode, see ``HTMLTextConverter``):
    /// `script`, `style`, `iframe`, `noscript`, `template` and other non-text elements are
    /// dropped; block elements and `<br>` become line breaks; list items get "• " or "1. ";
    /// entities are decoded, HTML5 names included; whitespace is collapsed. The result never
    /// contains markup: no tags, no control characters other than `\n`, and a literal `<`
    /// that could open a tag is followed by U+200B.
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8 { HTMLTextConverter().convert($0, singleLine: false, wantImages: false).text }
    }

    /// The `src` of every `<img>` in an HTML fragment (or its lazy-loading `data-src`), in
    /// document order, unresolved.
    public static func imageSources(inHTML html: String) -> [String] {
        var html = html
        return html.withUTF8 {
            HTMLTextConverter().convert($0, singleLine: false, wantImages: true).images
        }
    }
}
