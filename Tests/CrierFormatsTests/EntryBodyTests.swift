import Testing
@testable import CrierFormats

/// The summary comes from the fullest body of an entry; bodies wait raw until the entry ends.
@Suite("Entry bodies")
struct EntryBodyTests {
    @Test("Atom: the longer content wins over the summary, whatever the order, images included")
    func atomFullest() throws {
        let xml = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/blog/">
        <entry><id>1</id><summary type="html">short &lt;img src="s.png"&gt;</summary>
        <content type="html">&lt;p&gt;the long one &lt;img src="c.png"&gt;&lt;/p&gt;</content></entry>
        <entry><id>2</id><content type="html">&lt;p&gt;long content first&lt;/p&gt;</content>
        <summary>short</summary></entry>
        <entry><id>3</id><summary>same</summary><content>size</content></entry>
        <entry><id>4</id></entry>
        </feed>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.entries.map(\.summary) == ["the long one", "long content first", "same", ""])
        #expect(feed.entries[0].imageURLs == ["https://a.example/blog/c.png"])
    }

    @Test("RSS: content:encoded against description; a body never leaks into the next item")
    func rssFullest() throws {
        let xml = """
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <item><description>teaser</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item>
        <item><title>no body</title></item>
        <item><description><![CDATA[<ul><li>a</li></ul>]]></description></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(Array(xml.utf8))
        #expect(feed.entries.map(\.summary) == ["Full text", "", "• a"])
    }

    @Test("the kept body is converted with its own kind")
    func kinds() {
        let converter = EntryTextConverter()
        let html = Array("<p>a</p><p>b</p>".utf8)
        let text = Array("x\ny <b>".utf8)
        html.withUnsafeBufferPointer { #expect(converter.offerBody($0, kind: .html)) }
        text.withUnsafeBufferPointer { #expect(!converter.offerBody($0, kind: .text)) }  // shorter
        #expect(converter.takeBody().text == "a\nb")
        #expect(converter.takeBody().text == "")  // taken
        text.withUnsafeBufferPointer { #expect(converter.offerBody($0, kind: .text)) }
        #expect(converter.takeBody().text == "x\ny <\u{200B}b>")
    }
}
