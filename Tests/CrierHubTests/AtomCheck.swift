import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a document parses as XML.
enum AtomCheck {
    static func isWellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
