import CrierCore
import Foundation

/// A reply as DokuWiki syntax, appended to a discussion page.
///
/// ```
/// ----
/// %%First line of the reply%%\\
/// %%second line%%
///
/// — %%Alice (@alice)%% [[https://hub.example/@news/42#crier-0123abcd|on the microblog]]
/// ```
///
/// Every piece of user text sits inside `%%…%%` (nowiki), line by line, so it can neither
/// format, link, embed nor start a list, table or heading; a literal `%%` in it is written as
/// `<nowiki>%%</nowiki>`.
///
/// Where the marker goes: DokuWiki core has no comment syntax. `<!-- … -->` is shown as text
/// unless the admin enabled `htmlok`, and `/* … */` needs the comment plugin. A link target, on
/// the other hand, stays in the page source and is never displayed, so the marker rides as the
/// fragment of the attribution link (`#crier-…`): the idempotency check finds it in the text
/// `wiki.getPage` returns, readers see only "on the microblog", and the fragment is never sent
/// to the microblog server. Without a reply URL the link points at that anchor on the page
/// itself (`[[#crier-…|on the microblog]]`).
enum DokuWikiReplyFormat {
    static func block(_ request: ReplyRequest) -> String {
        let who = (request.author.displayName.isEmpty
            ? "@\(request.author.handle)" : "\(request.author.displayName) (@\(request.author.handle))")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        let anchor = marker(request.marker)
        // A fragment the URL already has gives way to the marker.
        let target = request.url.map { escapeLinkTarget(String($0.prefix { $0 != "#" })) + "#" + anchor } ?? "#" + anchor
        return "----\n" + body(request.text) + "\n\n— " + nowiki(who) + " [[" + target + "|on the microblog]]\n"
    }

    /// The marker as it appears in the page: letters, digits, `-` and `_` only.
    static func marker(_ marker: String) -> String {
        let kept = String(marker.unicodeScalars.filter { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_" }.map(Character.init))
        return kept.isEmpty ? "crier-" + ContentHash.hex(marker, bytes: 8) : kept
    }

    /// Paragraphs separated by blank lines; lines inside a paragraph joined by forced breaks.
    static func body(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var paragraphs: [[String]] = [[]]
        for line in lines {
            if line.isEmpty {
                if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(nowiki(line))
            }
        }
        return paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\\\\\n") }.joined(separator: "\n\n")
    }

    /// One line of user text, inert.
    static func nowiki(_ line: String) -> String {
        line.components(separatedBy: "%%").map { $0.isEmpty ? "" : "%%" + $0 + "%%" }.joined(separator: "<nowiki>%%</nowiki>")
    }

    /// A URL as a link target: characters that would end the link or start its title are encoded.
    static func escapeLinkTarget(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "|": out += "%7C"
            case "[": out += "%5B"
            case "]": out += "%5D"
            case "{": out += "%7B"
            case "}": out += "%7D"
            case " ": out += "%20"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
