import CLibXML2
import Foundation

/// The first few problems libxml2 reported, turned into warnings.
struct XMLErrorLog {
    /// Warnings in the order seen (at most ``limit``).
    private(set) var messages: [String] = []
    /// libxml2 reported a billion-laughs style entity loop.
    private(set) var sawEntityLoop = false
    /// The document had DTD entity declarations (ignored by design).
    var entityDeclarationsIgnored = false
    /// A fatal error happened inside the root element: from there on libxml2 drops even
    /// `&amp;`, so the document is worth a second parse with every entity made numeric.
    private(set) var fatalBeforeRootEnd = false
    private var dropped = 0
    private let limit = 10

    mutating func record(_ error: xmlError, beforeRootEnd: Bool) {
        let code = xmlParserErrors(rawValue: UInt32(bitPattern: error.code))
        if beforeRootEnd && error.level == XML_ERR_FATAL { fatalBeforeRootEnd = true }
        let message: String
        switch code {
        case XML_ERR_ENTITY_LOOP:
            sawEntityLoop = true
            message = "entity reference loop"
        case XML_ERR_DOCUMENT_END:
            message = "junk after root element ignored"
        case XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY:
            let name = error.str1.map { String(cString: $0) } ?? "?"
            message = "undefined entity &\(name); dropped"
        case XML_IO_LOAD_ERROR:
            message = "external entity not loaded"
        default:
            let text = error.message.map { String(cString: $0) } ?? "error \(error.code)"
            message = "XML line \(error.line): " + text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if messages.contains(message) { return }
        if messages.count < limit { messages.append(message) } else { dropped += 1 }
    }

    /// All warnings, with a final count of those left out.
    var warnings: [String] {
        var all = messages
        if entityDeclarationsIgnored { all.insert("DTD entity declarations ignored", at: 0) }
        if dropped > 0 { all.append("\(dropped) more XML errors") }
        return all
    }
}
