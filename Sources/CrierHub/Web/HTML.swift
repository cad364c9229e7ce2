/// A fragment of trusted HTML markup.
///
/// Build it with string interpolation: literals are markup, interpolated `String`s are escaped,
/// interpolated `HTML` values are inserted as they are, and no other type can be interpolated, so
/// unescaped text cannot slip in.
///
/// ```swift
/// let name = "<script>"
/// let html: HTML = "<h1>\(name)</h1>"   // <h1>&lt;script&gt;</h1>
/// ```
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// The markup.
    private(set) var markup: String

    /// Wraps markup that is already safe (use sparingly).
    init(trusted markup: String) {
        self.markup = markup
    }

    init(stringLiteral value: String) {
        markup = value
    }

    init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    /// Joins fragments.
    init(joining fragments: some Sequence<HTML>, separator: HTML = "") {
        markup = fragments.map(\.markup).joined(separator: separator.markup)
    }

    /// Appends another fragment.
    static func += (lhs: inout HTML, rhs: HTML) {
        lhs.markup += rhs.markup
    }

    /// Escapes text for use in element content and in double- or single-quoted attributes.
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The interpolation rules described on ``HTML``.
    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) {
            markup += HTML.escape(text)
        }

        /// A number: safe as it is.
        mutating func appendInterpolation(_ number: some BinaryInteger) {
            markup += String(number)
        }

        /// Trusted markup: inserted as it is.
        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }
    }
}
