@testable import CrierConnectors
import Foundation
import Testing

/// The XML-RPC layer of the DokuWiki connector: requests written by hand with every string
/// escaped, answers read through libxml2 into values of every XML-RPC type.
@Suite struct DokuWikiXMLRPCTests {
    static func decode(_ xml: String) throws -> XMLRPCResponse {
        try XMLRPCDecoder.response(Array(xml.utf8))
    }

    static func value(_ inner: String) throws -> XMLRPCValue {
        let answer = try decode("<methodResponse><params><param><value>\(inner)</value></param></params></methodResponse>")
        guard case .value(let value) = answer else { throw XMLRPCFormatError(message: "fault") }
        return value
    }

    @Test func everyTypeIsRead() throws {
        #expect(try Self.value("<string>a &amp; b</string>") == .string("a & b"))
        #expect(try Self.value("plain text") == .string("plain text"))
        #expect(try Self.value("") == .string(""))
        #expect(try Self.value("<int>-7</int>") == .int(-7))
        #expect(try Self.value("<i4> 42 </i4>") == .int(42))
        #expect(try Self.value("<i8>4294967296</i8>") == .int(4_294_967_296))
        #expect(try Self.value("<boolean>1</boolean>") == .bool(true))
        #expect(try Self.value("<boolean>0</boolean>") == .bool(false))
        #expect(try Self.value("<double>-1.5</double>") == .double(-1.5))
        #expect(try Self.value("<dateTime.iso8601>20240501T08:01:30</dateTime.iso8601>") == .date(Date(timeIntervalSince1970: 1_714_550_490)))
        #expect(try Self.value("<dateTime.iso8601>2024-05-01T10:01:30+02:00</dateTime.iso8601>") == .date(Date(timeIntervalSince1970: 1_714_550_490)))
        #expect(try Self.value("<base64>aGVs\nbG8=</base64>") == .base64(Array("hello".utf8)))
        #expect(try Self.value("<nil/>") == .nil)
        #expect(try Self.value("<array><data><value><int>1</int></value><value>x</value></data></array>") == .array([.int(1), .string("x")]))
        #expect(try Self.value("<struct><member><name>a</name><value><struct></struct></value></member></struct>") == .struct(["a": .struct([:])]))
    }

    @Test func aFaultIsReadAsAFault() throws {
        let answer = try XMLRPCDecoder.response(try Fixtures.bytes("dokuwiki/fault-no-changes.xml"))
        #expect(answer == .fault(XMLRPCFault(code: 321, message: "There are no changes in the specified timeframe")))
    }

    @Test(arguments: [
        "<int>seven</int>", "<boolean>yes</boolean>", "<double>x</double>", "<dateTime.iso8601>today</dateTime.iso8601>",
        "<base64>***</base64>", "<array></array>", "<struct><member><name>a</name></member></struct>", "<float>1</float>",
    ])
    func badValuesAreFormatErrors(_ inner: String) {
        #expect(throws: XMLRPCFormatError.self) { try Self.value(inner) }
    }

    @Test func requestsEscapeEveryString() throws {
        let body = XMLRPCEncoder.methodCall("wiki.putPage", [
            .string("a&b <c> \"d\"\r\n\u{1}e"), .int(1_714_550_400), .struct(["sum": .string("x"), "minor": .bool(false)]),
        ])
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>wiki.putPage</methodName>"))
        #expect(text.contains("<param><value><string>a&amp;b &lt;c&gt; \"d\"&#13;\ne</string></value></param>"))
        #expect(text.contains("<param><value><int>1714550400</int></value></param>"))
        #expect(text.contains("<struct><member><name>minor</name><value><boolean>0</boolean></value></member><member><name>sum</name>"))
    }

    @Test func everyValueSurvivesARoundTrip() throws {
        let values: [XMLRPCValue] = [
            .string("Ünïcødé & <markup> %%"), .int(-3), .int(5_000_000_000), .bool(true), .double(0.25),
            .date(Date(timeIntervalSince1970: 1_714_550_490)), .base64([0, 255, 10]), .nil,
            .array([.string(""), .struct(["k": .array([])])]),
        ]
        for value in values {
            let call = String(decoding: XMLRPCEncoder.methodCall("m", [value]), as: UTF8.self)
            let response = call.replacingOccurrences(of: "<methodCall><methodName>m</methodName>", with: "<methodResponse>")
                .replacingOccurrences(of: "</methodCall>", with: "</methodResponse>")
            #expect(try Self.decode(response) == .value(value), "\(value)")
        }
    }

    @Test func cookiesFollowSetCookie() {
        let jar = DokuWikiCookieJar()
        #expect(jar.header == nil)
        jar.store(["DokuWiki=abc; path=/; HttpOnly", "DWhash=xyz; expires=Wed, 01-May-2024 08:00:00 GMT; path=/"])
        #expect(jar.header == "DokuWiki=abc; DWhash=xyz")
        jar.store(["DokuWiki=def; path=/", "DWhash=deleted; expires=Thu, 01-Jan-1970 00:00:01 GMT; Max-Age=0; path=/"])
        #expect(jar.header == "DokuWiki=def")
        jar.store(["DokuWiki=ghi; Max-Age=0"])
        #expect(jar.header == nil)
    }
}
