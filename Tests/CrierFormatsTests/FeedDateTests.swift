import Foundation
import Testing
@testable import CrierFormats

/// Expected epochs were computed independently (Python `calendar.timegm`).
@Suite("FeedDate")
struct FeedDateTests {
    static let valid: [(String, Double)] = [
        ("Sun, 19 May 2002 15:21:36 GMT", 1021821696),
        ("Tue, 10 Jun 2003 04:00:00 +0000", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 -0500", 1055235600),
        ("10 Jun 2003 04:00:00 GMT", 1055217600),
        ("Tue, 10 Jun 03 04:00:00 GMT", 1055217600),
        ("Tue, 10 Jun 2003 04:00 GMT", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 EST", 1055235600),
        ("Tue, 10 Jun 2003 04:00:00 EDT", 1055232000),
        ("Tue, 10 Jun 2003 04:00:00 PDT", 1055242800),
        ("Tue, 10 Jun 2003 04:00:00 PST", 1055246400),
        ("Tue, 10 Jun 2003 04:00:00 CDT", 1055235600),
        ("Tue, 10 Jun 2003 04:00:00 MST", 1055242800),
        ("Tue, 10 Jun 2003 04:00:00 UT", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 UTC", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 Z", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 A", 1055217600),
        ("Tuesday, 10-Jun-03 04:00:00 GMT", 1055217600),
        ("Tue Jun 10 04:00:00 2003", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 +05:30", 1055197800),
        ("Tue, 3 Jun 2003 9:39:21 GMT", 1054633161),
        ("Tue, 10 Jun 2003 04:00:00", 1055217600),
        ("  Tue, 10 Jun 2003 04:00:00 GMT \n", 1055217600),
        ("Tue, 10 Jun 2003 04:00:00 GMT+0200", 1055210400),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Sat, 01 Jan 50 00:00:00 GMT", -631152000),
        ("June 10, 2003 4:00 PM", 1055260800),
        ("2003-06-10T04:00:00Z", 1055217600),
        ("2003-06-10T04:00:00.123456789+02:00", 1055210400.123456789),
        ("2003-06-10T04:00:00.5Z", 1055217600.5),
        ("2003-06-10t04:00:00z", 1055217600),
        ("2003-06-10 04:00:00+0200", 1055210400),
        ("2003-06-10T04:00:00+02", 1055210400),
        ("2003-06-10T04:00:00-07:00", 1055242800),
        ("2003-06-10", 1055203200),
        ("2003-06-10T04:00Z", 1055217600),
        ("2003-06-10T04:00:00", 1055217600),
        ("2024-02-29T23:59:60Z", 1709251200),
        ("1055217600", 1055217600),
        ("1055217600000", 1055217600),
    ]

    @Test("parses", arguments: valid)
    func parses(_ text: String, _ epoch: Double) throws {
        let date = try #require(FeedDate.parse(text), "\(text.debugDescription) not parsed")
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.000_01, "\(text.debugDescription)")
    }

    @Test("rejects", arguments: [
        "", "   ", "not a date", "2003-13-10", "2003-06-32T00:00:00Z", "32 Jun 2003",
        "Tue, 10 Foo 2003 04:00:00 GMT", "Tue, 10 Jun 2003 25:00:00 GMT", "2003-06-10T04:00:00+99:00",
        "12345", "Jun 2003", "yesterday",
    ])
    func rejects(_ text: String) {
        #expect(FeedDate.parse(text) == nil, "\(text.debugDescription)")
    }
}
