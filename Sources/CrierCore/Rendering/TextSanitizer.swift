import Foundation

/// Makes untrusted text inert for a plain-text post: no control or bidi-override characters, and
/// no mentions that would notify people (mass mentions always; every mention by default).
public enum TextSanitizer {
    /// Mentions that notify a whole room or group on common targets.
    public static let massMentions: Set<String> = ["all", "everyone", "channel", "here", "room", "group"]

    /// A zero-width space after `@` keeps the text readable but stops every target's mention parser.
    static let neutralizedAt = "@\u{200B}"

    public static func sanitize(_ text: String, mentions: MentionPolicy) -> String {
        neutralizeMentions(stripControls(text), policy: mentions)
    }

    /// Removes C0/C1 controls (but newline and tab) and bidirectional overrides, which can disguise text.
    public static func stripControls(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: scalars.append(scalar)
            case 0x0D: continue
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    public static func neutralizeMentions(_ text: String, policy: MentionPolicy) -> String {
        guard text.contains("@") else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        var previous: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            // An @ right after a word character is an e-mail address or similar, not a mention.
            if character == "@", !(previous.map(isWordCharacter) ?? false), next < text.endIndex, isWordCharacter(text[next]) {
                let name = text[next...].prefix(while: isWordCharacter).lowercased()
                if policy == .neutralizeAll || massMentions.contains(name) {
                    output += neutralizedAt
                    previous = character
                    index = next
                    continue
                }
            }
            output.append(character)
            previous = character
            index = next
        }
        return output
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }
}
