@testable import CrierCore
import Testing

extension ConfigLoaderTests {
    @Suite("TOMLLineIndex")
    struct LineIndex {
        static let text = #"""
            # a comment
            title = "top"            # line 2

            [sources.news]           # line 4
            type = "feed"
            "quoted.key" = 1         # line 6
            a.b.c = true             # line 7
            description = """
            [not.a.table]
            still = "the string"
            """
            after = 1                # line 12
            list = [
              "x",                   # line 14
              # a comment inside an array
              "y",                   # line 16
            ]
            inline = { x = 1, y = { z = 2 } }   # line 18
            literal = '''
            [also.not.a.table]
            '''
            next = 'v'               # line 22

            [[routes.r.filter]]      # line 24
            field = "title"
            [[routes.r.filter]]      # line 26
            regex = "a[b]"           # line 27
            [routes.r.filter.extra]  # line 28 (belongs to filter[1])
            key = 1                  # line 29
            [ "sinks" . 'hub' ]      # line 30
            type = "hub"             # line 31
            """#

        let index = TOMLLineIndex(text: text)

        static let expectations: [([ConfigKeyPath.Component], Int?)] = [
            ([.key("title")], 2),
            ([.key("sources")], 4),
            ([.key("sources"), .key("news")], 4),
            ([.key("sources"), .key("news"), .key("type")], 5),
            ([.key("sources"), .key("news"), .key("quoted.key")], 6),
            ([.key("sources"), .key("news"), .key("a"), .key("b"), .key("c")], 7),
            ([.key("sources"), .key("news"), .key("description")], 8),
            ([.key("sources"), .key("news"), .key("after")], 12),
            ([.key("sources"), .key("news"), .key("list")], 13),
            ([.key("sources"), .key("news"), .key("list"), .index(0)], 14),
            ([.key("sources"), .key("news"), .key("list"), .index(1)], 16),
            ([.key("sources"), .key("news"), .key("inline"), .key("y"), .key("z")], 18),
            ([.key("sources"), .key("news"), .key("next")], 22),
            ([.key("routes"), .key("r"), .key("filter"), .index(0), .key("field")], 25),
            ([.key("routes"), .key("r"), .key("filter"), .index(1)], 26),
            ([.key("routes"), .key("r"), .key("filter"), .index(1), .key("regex")], 27),
            ([.key("routes"), .key("r"), .key("filter"), .index(1), .key("extra"), .key("key")], 29),
            ([.key("sinks"), .key("hub"), .key("type")], 31),
            // Fallbacks: an unknown key falls back to its table's header, an unknown table to nothing.
            ([.key("sources"), .key("news"), .key("missing")], 4),
            ([.key("routes"), .key("r"), .key("filter"), .index(0), .key("regex")], 24),
            ([.key("groups"), .key("x")], nil),
        ]

        @Test("maps key paths to lines", arguments: expectations)
        func lines(components: [ConfigKeyPath.Component], expected: Int?) {
            let path = ConfigKeyPath(components)
            #expect(index.line(for: path) == expected, "\(path)")
        }

        @Test("multi-line strings do not open tables")
        func stringsAreSkipped() {
            #expect(index.exactLine(for: ConfigKeyPath(keys: ["not", "a", "table"])) == nil)
            #expect(index.exactLine(for: ConfigKeyPath(keys: ["also", "not", "a", "table"])) == nil)
        }

        @Test("key paths render like TOML")
        func rendering() {
            let path = ConfigKeyPath(keys: ["routes", "news", "filter"]).appending(index: 1).appending("regex")
            #expect(path.description == "routes.news.filter[1].regex")
            #expect(ConfigKeyPath(keys: ["sources", "a.b"]).description == "sources.\"a.b\"")
        }

        @Test("CRLF line endings and a byte order mark keep line numbers right")
        func crlf() {
            let index = TOMLLineIndex(text: "\u{FEFF}[crier]\r\nlog_level = \"info\"\r\n\r\nstate_dir = \"x\"\r\n")
            #expect(index.exactLine(for: ConfigKeyPath(keys: ["crier", "state_dir"])) == 4)
        }

        @Test("suggestions need an edit distance of at most 2")
        func suggestions() {
            #expect(Suggestion.closest(to: "intreval", in: ["interval", "type"]) == "interval")
            #expect(Suggestion.closest(to: "urll", in: ["url"]) == "url")
            #expect(Suggestion.closest(to: "colour", in: ["interval", "type"]) == nil)
            #expect(Suggestion.closest(to: "x", in: ["y"]) == nil)
        }
    }
}
