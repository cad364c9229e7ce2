import CrierCore
import CrierFormats
import Foundation

/// A reply as Confluence storage format (XHTML), and how to recognize it again.
///
/// The attributed plain text (`ReplyFormat.plain`) becomes HTML-escaped `<p>` paragraphs
/// (single line breaks become `<br />`), followed by the marker as an HTML comment:
///
/// ```html
/// <p>Sounds good to me.</p><p>— Alice (@alice) on the microblog: https://hub.example/@news/42</p><!-- crier:crier-0123abcd -->
/// ```
enum ConfluenceStorageFormat {
    static func body(_ request: ReplyRequest) -> String {
        let text = ReplyFormat.plain.attributed(request).replacingOccurrences(of: "\r\n", with: "\n")
        let paragraphs = text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { "<p>" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br />") + "</p>" }
        return paragraphs.joined() + "<!-- " + markerComment(request.marker) + " -->"
    }

    /// What the HTML comment holds; `--` cannot occur inside an XML comment.
    static func markerComment(_ marker: String) -> String {
        "crier:" + marker.replacingOccurrences(of: "--", with: "-").replacingOccurrences(of: ">", with: "")
    }

    /// Whether a comment's storage value is this reply: it holds the marker, or, should the
    /// server have dropped the HTML comment on save, the attribution line with the reply's URL
    /// (unique to the reply) as text.
    static func isReply(_ storage: String, of request: ReplyRequest) -> Bool {
        if storage.contains(markerComment(request.marker)) { return true }
        guard request.url != nil, let attribution = ReplyFormat.plain.attributed(request).components(separatedBy: "\n").last else { return false }
        return HTMLText.plainText(fromHTML: storage).contains(attribution)
    }

    /// XML character data and attribute-safe text.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if scalar.value < 0x20 && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
