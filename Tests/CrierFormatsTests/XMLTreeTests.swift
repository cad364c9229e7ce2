import Foundation
import Testing
@testable import CrierFormats

/// `XMLTree`: a small DOM for data formats (XML-RPC), built by libxml2 with the safe options.
/// Well-formed documents map one to one; hostile ones load nothing, expand nothing and stay
/// within the caps; broken ones are errors that say where.
@Suite struct XMLTreeTests {
    static func parse(_ xml: String, limits: XMLTree.Limits = .init()) throws(XMLTreeError) -> XMLTree {
        try XMLTree.parse(Array(xml.utf8), limits: limits)
    }

    @Test func elementsAttributesAndTextMapOneToOne() throws {
        let tree = try Self.parse("""
            <?xml version="1.0"?>
            <methodResponse kind="test"><params><param><value><string>a &amp; b &#x263A; <![CDATA[<raw>]]></string></value></param></params><!-- note --></methodResponse>
            """)
        #expect(tree.name == "methodResponse")
        #expect(tree.attributes == ["kind": "test"])
        #expect(tree.children.map(\.name) == ["params"])
        let string = try #require(tree.child("params")?.child("param")?.child("value")?.child("string"))
        #expect(string.text == "a & b ☺ <raw>")
        #expect(string.children.isEmpty)
    }

    @Test func namespacesAreResolvedAndPrefixesDropped() throws {
        let tree = try Self.parse(#"<a:root xmlns:a="urn:a" xmlns="urn:d"><a:x a:y="1"/><z/></a:root>"#)
        #expect(tree.name == "root")
        #expect(tree.namespaceURI == "urn:a")
        #expect(tree.children.map(\.name) == ["x", "z"])
        #expect(tree.children.map(\.namespaceURI) == ["urn:a", "urn:d"])
        #expect(tree.children[0].attributes == ["y": "1"])
        #expect(tree.children("z").count == 1)
    }

    @Test func whitespaceBetweenElementsIsKeptAsText() throws {
        let tree = try Self.parse("<a>\n  <b> x </b>\n</a>")
        #expect(tree.text == "\n  \n")
        #expect(tree.child("b")?.text == " x ")
    }

    @Test func theDeclaredEncodingIsHonoured() throws {
        let bytes: [UInt8] = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>caf"#.utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try XMLTree.parse(bytes).text == "café")
    }

    @Test(arguments: [
        "<a><b></a>",
        "<a>&undefined;</a>",
        "<a>",
        "not xml at all",
        "<html><body><p>Service Unavailable<br></p></body></html>",
    ])
    func notWellFormedIsAnErrorWithALine(_ xml: String) throws {
        let error = try #require(throws: XMLTreeError.self) { try Self.parse(xml) }
        #expect(error.message.hasPrefix("line "), "\(error.message)")
    }

    @Test func anEmptyDocumentIsAnError() {
        #expect(throws: XMLTreeError(message: "empty document")) { try XMLTree.parse([]) }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let secret = try temporarySecretFile()
        defer { try? FileManager.default.removeItem(atPath: secret) }
        let documents = [
            #"<!DOCTYPE a [<!ENTITY x SYSTEM "file://\#(secret)">]><a>&x;</a>"#,
            #"<!DOCTYPE a [<!ENTITY % p SYSTEM "file://\#(secret)"> %p;]><a>x</a>"#,
            #"<!DOCTYPE a SYSTEM "file://\#(secret)"><a>x</a>"#,
        ]
        for xml in documents {
            // Either refused outright or parsed without the file: never the file's content.
            switch Result(catching: { () throws(XMLTreeError) in try Self.parse(xml) }) {
            case .success(let tree): #expect(!tree.text.contains("crier-secret"), "\(xml)")
            case .failure(let error): #expect(!error.message.contains("crier-secret"), "\(xml)")
            }
        }
    }

    @Test func internalEntitiesAreNeverExpanded() throws {
        var xml = #"<!DOCTYPE a [<!ENTITY l0 "lol">"#
        for level in 1...10 {
            xml += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        xml += "]><a>&l10;</a>"
        let clock = ContinuousClock()
        var result: Result<XMLTree, XMLTreeError>!
        let elapsed = clock.measure { result = Result { () throws(XMLTreeError) in try Self.parse(xml) } }
        #expect(elapsed < .seconds(1))
        if case .success(let tree) = result { #expect(!tree.text.contains("lol")) }
    }

    @Test func depthElementAndSizeCapsHold() throws {
        let deep = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        #expect(try Self.parse(deep, limits: .init(maxDepth: 20)).name == "a")
        let tooDeep = try #require(throws: XMLTreeError.self) { try Self.parse(deep, limits: .init(maxDepth: 19)) }
        #expect(tooDeep.message.contains("19 levels"))

        let wide = "<a>" + String(repeating: "<b/>", count: 10) + "</a>"
        #expect(try Self.parse(wide, limits: .init(maxElements: 11)).children.count == 10)
        #expect(throws: XMLTreeError.self) { try Self.parse(wide, limits: .init(maxElements: 10)) }

        let big = try #require(throws: XMLTreeError.self) { try Self.parse(wide, limits: .init(maxBytes: 10)) }
        #expect(big.message.contains("exceeds"))
    }

    @Test func veryDeepNestingIsRefusedWithoutCrashing() throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(throws: XMLTreeError.self) { try Self.parse(deep, limits: .init(maxDepth: 1_000_000)) }
    }

    private func temporarySecretFile() throws -> String {
        let path = NSTemporaryDirectory() + "crier-xmltree-secret-\(UUID().uuidString.prefix(8)).txt"
        try Data("crier-secret".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
