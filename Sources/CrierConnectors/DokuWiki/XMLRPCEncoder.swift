import Foundation

/// Writes XML-RPC `methodCall` documents by hand, escaping every string.
///
/// Characters XML 1.0 cannot carry (most C0 controls, lone surrogates cannot occur in Swift
/// strings, U+FFFE/U+FFFF) are dropped, and `\r` is written as `&#13;` so that a parser's
/// line-end normalization does not change the text the wiki stores.
enum XMLRPCEncoder {
    /// The request body for `method(params…)`.
    static func methodCall(_ method: String, _ params: [XMLRPCValue]) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>"
        out += escape(method)
        out += "</methodName><params>"
        for param in params {
            out += "<param>"
            write(param, into: &out)
            out += "</param>"
        }
        out += "</params></methodCall>\n"
        return Array(out.utf8)
    }

    /// Appends `<value>…</value>` for `value` (struct members in name order, so bodies are stable).
    static func write(_ value: XMLRPCValue, into out: inout String) {
        out += "<value>"
        switch value {
        case .string(let s):
            out += "<string>" + escape(s) + "</string>"
        case .int(let i):
            // XML-RPC's <int> is 32-bit; larger numbers go out as the common <i8> extension.
            out += Int32(exactly: i) != nil ? "<int>\(i)</int>" : "<i8>\(i)</i8>"
        case .bool(let b):
            out += "<boolean>\(b ? 1 : 0)</boolean>"
        case .double(let d):
            out += "<double>\(d)</double>"
        case .date(let date):
            out += "<dateTime.iso8601>" + XMLRPCDate.format(date) + "</dateTime.iso8601>"
        case .base64(let bytes):
            out += "<base64>" + Data(bytes).base64EncodedString() + "</base64>"
        case .array(let values):
            out += "<array><data>"
            for element in values { write(element, into: &out) }
            out += "</data></array>"
        case .struct(let members):
            out += "<struct>"
            for name in members.keys.sorted() {
                out += "<member><name>" + escape(name) + "</name>"
                write(members[name]!, into: &out)
                out += "</member>"
            }
            out += "</struct>"
        case .nil:
            out += "<nil/>"
        }
        out += "</value>"
    }

    /// `text` as XML character data.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
