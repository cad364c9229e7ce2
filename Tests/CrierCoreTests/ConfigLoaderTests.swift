import CrierCore
import Foundation
import Testing

// MARK: - Valid configurations

@Suite("ConfigLoader: valid configurations")
struct ConfigLoaderTests {
    static let fullConfig = """
        [crier]
        state_dir = "state"
        log_level = "debug"
        max_concurrent_polls = 10
        max_polls_per_host = 2
        max_backoff = "1h"

        [http]
        timeout = "30s"
        max_body = "1MiB"
        max_connections_per_host = 4
        max_redirects = 0
        proxy = "socks5h://proxy.example.com:1080"

        [hub]
        enabled = false
        listen = "[::1]:9000"
        title = "Example"
        max_characters = 1000

        [sources.news]
        type = "feed"
        url = "https://news.example.com/feed.xml"
        interval = "5m"
        min_interval = "30s"
        max_interval = "2h"
        backfill = 3

        [sources.local]
        type = "feed"
        url = "samples/local.xml"
        allow_file = true

        [sinks.hub]
        type = "hub"

        [sinks.social]
        type = "mastodon"
        url = "https://social.example.com"

        [groups.news]
        sink = "hub"
        display_name = "Company news"
        description = "All the news"

        [groups.announce]
        sink = "social"
        account = "corp"
        token_env = "CRIER_ANNOUNCE_TOKEN"

        [routes.news]
        sources = ["news", "local"]
        groups = ["news", "announce"]
        template = "{{title}} {{link}}"
        updates = "reply"
        mentions = "mass-only"

        [[routes.news.filter]]
        field = "title"
        contains = "outage"
        not = true

        [[routes.news.filter]]
        field = "summary"
        regex = "^(?i)release"

        [[routes.news.filter]]
        categories = ["press", "announcements"]

        [[routes.news.filter]]
        field = "author"
        equals = "ceo"

        [routes.quiet]
        sources = ["local"]
        groups = ["news"]
        """

    @Test("a full config decodes to the expected values")
    func fullConfigDecodes() throws {
        let config = try ConfigFixture.load(Self.fullConfig, environment: ["CRIER_ANNOUNCE_TOKEN": " t0ken\n"])

        #expect(config.file == "crier.toml")
        #expect(config.baseDirectory == "/etc/crier")
        #expect(config.daemon.stateDirectory == "/etc/crier/state")
        #expect(config.daemon.logLevel == "debug")
        #expect(config.daemon.maxConcurrentPolls == 10)
        #expect(config.daemon.maxPollsPerHost == 2)
        #expect(config.daemon.maxBackoff == .seconds(3600))

        #expect(config.http.timeout == .seconds(30))
        #expect(config.http.maxBodyBytes == 1_048_576)
        #expect(config.http.maxConnectionsPerHost == 4)
        #expect(config.http.maxRedirects == 0)
        #expect(config.http.proxy == "socks5h://proxy.example.com:1080")
        #expect(config.http.caBundle == nil)

        #expect(config.hub.enabled == false)
        #expect(config.hub.host == "::1")
        #expect(config.hub.port == 9000)
        #expect(config.hub.title == "Example")
        #expect(config.hub.maxCharacters == 1000)

        let news = try #require(config.sources["news"])
        #expect(news.type == "feed")
        #expect(news.interval == .seconds(300))
        #expect(news.minInterval == .seconds(30))
        #expect(news.maxInterval == .seconds(7200))
        #expect(news.backfill == 3)
        #expect(news.options == ["url": .string("https://news.example.com/feed.xml")])
        #expect(news.line == 21)
        let local = try #require(config.sources["local"])
        #expect(local.interval == .seconds(600))
        #expect(local.options == ["url": .string("samples/local.xml"), "allow_file": .bool(true)])

        #expect(config.sinks["hub"] == SinkConfig(id: "hub", type: "hub", line: 34))
        #expect(config.sinks["social"]?.options == ["url": .string("https://social.example.com")])

        #expect(config.groups["news"] == GroupConfig(id: "news", sink: "hub", displayName: "Company news", description: "All the news"))
        let announce = try #require(config.groups["announce"])
        #expect(announce.account == "corp")
        #expect(announce.displayName == "announce")
        #expect(announce.token == Secret(value: "t0ken", origin: "env:CRIER_ANNOUNCE_TOKEN"))

        let route = try #require(config.routes["news"])
        #expect(route.sources == ["news", "local"])
        #expect(route.groups == ["news", "announce"])
        #expect(route.template == "{{title}} {{link}}")
        #expect(route.updates == .reply)
        #expect(route.mentions == .massOnly)
        #expect(route.filters == [
            RouteFilter(field: "title", match: .contains("outage"), negate: true),
            RouteFilter(field: "summary", match: .regex("^(?i)release")),
            RouteFilter(field: "categories", match: .anyCategory(["press", "announcements"])),
            RouteFilter(field: "author", match: .equals("ceo")),
        ])
        let quiet = try #require(config.routes["quiet"])
        #expect(quiet.template == nil)
        #expect(quiet.updates == nil)  // the connector's default applies
        #expect(quiet.mentions == .neutralizeAll)
        #expect(quiet.filters.isEmpty)
    }

    @Test("an empty file is a valid config with every default")
    func emptyConfig() throws {
        let config = try ConfigFixture.load("")
        #expect(config == CrierConfig(file: "crier.toml", baseDirectory: "/etc/crier"))
    }

    @Test("state_dir: relative paths resolve against the config file's directory")
    func relativeStateDirectory() throws {
        #expect(try ConfigFixture.load("[crier]\nstate_dir = \"../state\"").daemon.stateDirectory == "/etc/state")
        #expect(try ConfigFixture.load("[crier]\nstate_dir = \"./data/\"").daemon.stateDirectory == "/etc/crier/data")
        #expect(try ConfigFixture.load("[crier]\nstate_dir = \"/srv/crier\"").daemon.stateDirectory == "/srv/crier")
    }

    @Test("template_file is read at load, relative to the config file")
    func templateFile() throws {
        let directory = try ConfigFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "{{title}}\n\n{{link}}\n".write(to: directory.appendingPathComponent("templates/news.mustache"), atomically: true, encoding: .utf8)
        let text = Self.minimalRoute + "template_file = \"templates/news.mustache\"\n"

        let config = try ConfigFixture.load(text, baseDirectory: directory.path)
        #expect(config.routes["r"]?.template == "{{title}}\n\n{{link}}\n")

        let missing = Self.minimalRoute + "template_file = \"templates/gone.mustache\"\n"
        #expect(ConfigFixture.problems(missing, baseDirectory: directory.path) == [
            "crier.toml:11: routes.r.template_file: cannot read template file '\(directory.path)/templates/gone.mustache'",
        ])
    }

    @Test("load(path:) names the file as given and resolves against its directory")
    func loadFromPath() throws {
        let directory = try ConfigFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("crier.toml")
        try "[crier]\nstate_dir = \"state\"\nlog_level = 3\n".write(to: file, atomically: true, encoding: .utf8)

        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: file.path, catalog: TestCatalog(), environment: [:]) }
        do {
            _ = try ConfigLoader.load(path: file.path, catalog: TestCatalog(), environment: [:])
        } catch {
            #expect(error.description == "\(file.path):3: crier.log_level: expected a string, found an integer")
        }

        try "[crier]\nstate_dir = \"state\"\n".write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: file.path, catalog: TestCatalog(), environment: [:])
        #expect(config.baseDirectory == directory.standardizedFileURL.path)
        #expect(config.daemon.stateDirectory == directory.appendingPathComponent("state").standardizedFileURL.path)
        #expect(config.file == file.path)

        do {
            _ = try ConfigLoader.load(path: directory.appendingPathComponent("nope.toml").path, catalog: TestCatalog(), environment: [:])
            Issue.record("a missing file must not load")
        } catch {
            #expect(error.problems.map(\.message) == ["no such file"])
        }
    }

    @Test("the annotated sample config/crier.toml loads without problems", arguments: ["crier.toml", "quickstart.toml"])
    func sampleConfigLoads(name: String) throws {
        let path = ConfigFixture.repositoryRoot().appendingPathComponent("config/\(name)").path
        do {
            let config = try ConfigLoader.load(path: path, catalog: TestCatalog(), environment: [:])
            #expect(!config.sources.isEmpty)
            #expect(!config.routes.isEmpty)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("the sample documents every key the loader reads")
    func sampleDocumentsEveryKey() throws {
        let path = ConfigFixture.repositoryRoot().appendingPathComponent("config/crier.toml").path
        let sample = try String(contentsOfFile: path, encoding: .utf8)
        let keys = [
            "state_dir", "log_level", "max_concurrent_polls", "max_polls_per_host", "max_backoff", "timeout", "max_body",
            "max_connections_per_host", "max_redirects", "proxy", "ca_bundle", "enabled", "listen", "title", "max_characters",
            "type", "interval", "min_interval", "max_interval", "backfill", "sink", "account", "display_name", "description",
            "token_file", "token_env", "sources", "groups", "template", "template_file", "updates", "mentions", "field",
            "equals", "contains", "regex", "categories", "not",
        ]
        for key in keys {
            #expect(sample.contains("\(key) ="), "\(key) is not documented")
        }
    }

    /// Ten lines with a valid route `r` whose route table starts on line 8; tests append keys at line 11.
    static let minimalRoute = """
        [sources.s]
        type = "feed"
        url = "https://example.com/feed"
        [sinks.hub]
        type = "hub"
        [groups.g]
        sink = "hub"
        [routes.r]
        sources = ["s"]
        groups = ["g"]

        """
}

// MARK: - Mistakes

extension ConfigLoaderTests {
    @Suite("ConfigLoader: mistakes")
    struct Mistakes {
        @Test("five different mistakes are all reported, each at its own line")
        func fiveMistakes() {
            let text = """
                [crier]
                log_level = "info"
                max_concurrent_polls = "many"

                [sources.news]
                type = "feed"
                url = "https://example.com/feed.xml"
                intreval = "10m"

                [sources.status]
                url = "https://status.example.com/feed"

                [sinks.hub]
                type = "hub"

                [groups.news]
                sink = "hub"

                [routes.news]
                sources = ["news", "status"]
                groups = ["nwes"]

                [[routes.news.filter]]
                field = "title"
                regex = "(unclosed"
                """
            #expect(ConfigFixture.problems(text) == [
                "crier.toml:3: crier.max_concurrent_polls: expected an integer, found a string",
                "crier.toml:8: sources.news.intreval: unknown key 'intreval'; did you mean 'interval'?",
                "crier.toml:10: sources.status: missing required key 'type'",
                "crier.toml:21: routes.news.groups: no group named 'nwes'; did you mean 'news'?",
                "crier.toml:25: routes.news.filter[0].regex: invalid regular expression '(unclosed'",
            ])
        }

        /// One mistake each: the config text and the one problem it must produce.
        static let cases: [(String, String)] = [
            // Unknown keys, with and without a suggestion.
            ("[crier]\nlog_levle = \"info\"", "crier.toml:2: crier.log_levle: unknown key 'log_levle'; did you mean 'log_level'?"),
            ("[hub]\nport = 80", "crier.toml:2: hub.port: unknown key 'port'"),
            ("[source.x]\ntype = \"feed\"", "crier.toml:1: source: unknown key 'source'; did you mean 'sources'?"),
            ("[http]\ntimeout = \"5s\"\n\n\n[http.extra]\na = 1", "crier.toml:5: http.extra: unknown key 'extra'"),
            // Wrong types.
            ("[hub]\ntitle = 5", "crier.toml:2: hub.title: expected a string, found an integer"),
            ("[hub]\nenabled = \"yes\"", "crier.toml:2: hub.enabled: expected a boolean, found a string"),
            ("[crier]\nmax_backoff = 3600", "crier.toml:2: crier.max_backoff: expected a duration such as \"10m\", found an integer"),
            ("[http]\nmax_body = true", "crier.toml:2: http.max_body: expected a size such as \"15MiB\", found a boolean"),
            ("crier = 1", "crier.toml:1: crier: expected a table, found an integer"),
            ("[sources]\nnews = \"feed\"", "crier.toml:2: sources.news: expected a table ([sources.news]), found a string"),
            // Bad values.
            ("[crier]\nlog_level = \"verbose\"", "crier.toml:2: crier.log_level: expected one of trace, debug, info, notice, warning, error, critical, found 'verbose'"),
            ("[crier]\nmax_polls_per_host = 0", "crier.toml:2: crier.max_polls_per_host: must be between 1 and 100, found 0"),
            ("[http]\nmax_redirects = 21", "crier.toml:2: http.max_redirects: must be between 0 and 20, found 21"),
            ("[http]\nmax_body = \"15 MB\"\ntimeout = \"10 minutes\"", "crier.toml:3: http.timeout: invalid duration '10 minutes': use whole numbers with units ms, s, m, h, d, such as \"90s\" or \"1h30m\""),
            ("[http]\nmax_body = \"15 MiBs\"", "crier.toml:2: http.max_body: invalid size '15 MiBs': use a number of bytes or a unit B, KiB, MiB, GiB, KB, MB, GB, such as \"15MiB\""),
            ("[http]\nmax_body = 10", "crier.toml:2: http.max_body: must be between 1024 and 1073741824 bytes, found 10"),
            ("[http]\nproxy = \"ftp://proxy\"", "crier.toml:2: http.proxy: unsupported proxy scheme 'ftp'; use one of http, https, socks4, socks4a, socks5, socks5h"),
            ("[http]\nca_bundle = \"/nonexistent/ca.pem\"", "crier.toml:2: http.ca_bundle: cannot read '/nonexistent/ca.pem'"),
            ("[hub]\nlisten = \"8470\"", "crier.toml:2: hub.listen: expected host:port such as \"127.0.0.1:8470\" or \"[::1]:8470\", found '8470'"),
            ("[hub]\nlisten = \"::1:8470\"", "crier.toml:2: hub.listen: expected host:port such as \"127.0.0.1:8470\" or \"[::1]:8470\", found '::1:8470'"),
            ("[hub]\nmax_characters = 10", "crier.toml:2: hub.max_characters: must be between 50 and 100000, found 10"),
            ("[crier]\nstate_dir = \"\"", "crier.toml:2: crier.state_dir: must not be empty"),
            // Sources and sinks.
            ("[sources.news]\nurl = \"https://x\"", "crier.toml:1: sources.news: missing required key 'type'"),
            ("[sources.news]\ntype = \"fed\"\nurl = \"https://x\"", "crier.toml:2: sources.news.type: unknown source type 'fed' (known: feed); did you mean 'feed'?"),
            ("[sources.news]\ntype = \"feed\"", "crier.toml:1: sources.news: missing required key 'url'"),
            ("[sources.news]\ntype = \"feed\"\nurl = \"https://x\"\nallow_file = \"no\"", "crier.toml:4: sources.news.allow_file: expected a boolean, found a string"),
            ("[sources.news]\ntype = \"feed\"\nurl = \"https://x\"\ninterval = \"500ms\"", "crier.toml:4: sources.news.interval: must be at least 1s, found '500ms'"),
            ("[sources.news]\ntype = \"feed\"\nurl = \"https://x\"\nmin_interval = \"2h\"\nmax_interval = \"1h\"", "crier.toml:5: sources.news.max_interval: min_interval (2h) must not be longer than max_interval (1h)"),
            ("[sources.news]\ntype = \"feed\"\nurl = \"https://x\"\nbackfill = 1001", "crier.toml:4: sources.news.backfill: must be between 0 and 1000, found 1001"),
            ("[sources.News]\ntype = \"feed\"\nurl = \"https://x\"", "crier.toml:1: sources.News: invalid name 'News': use lowercase letters, digits, '_' and '-', starting with a letter or digit"),
            ("[sinks.social]\ntype = \"mastodon\"", "crier.toml:1: sinks.social: missing required key 'url'"),
            ("[sinks.hub]\ntype = \"hub\"\nurl = \"https://x\"", "crier.toml:3: sinks.hub.url: unknown key 'url' for a hub sink"),
        ("[sinks.hub]\ntype = \"hub\"\ntyp = \"x\"", "crier.toml:3: sinks.hub.typ: unknown key 'typ' for a hub sink; did you mean 'type'?"),
            ("[sinks.hub]\ntype = \"bub\"", "crier.toml:2: sinks.hub.type: unknown sink type 'bub' (known: hub, mastodon); did you mean 'hub'?"),
            // Groups.
            ("[groups.news]\nsink = \"hub\"", "crier.toml:2: groups.news.sink: no sink named 'hub'"),
            ("[sinks.hub]\ntype = \"hub\"\n[groups.news]\ndisplay_name = \"News\"", "crier.toml:3: groups.news: missing required key 'sink'"),
            ("[sinks.s]\ntype = \"mastodon\"\nurl = \"https://x\"\n[groups.news]\nsink = \"s\"", "crier.toml:4: groups.news: missing required key 'token_file' or 'token_env': groups of sink 's' (mastodon) need a token"),
            ("[sinks.hub]\ntype = \"hub\"\n[groups.news]\nsink = \"hub\"\ntoken_file = \"a\"\ntoken_env = \"B\"", "crier.toml:6: groups.news.token_env: set either token_file or token_env, not both"),
            // Routes.
            (ConfigLoaderTests.minimalRoute + "updates = \"edits\"", "crier.toml:11: routes.r.updates: expected one of reply, edit, post, ignore, found 'edits'; did you mean 'edit'?"),
            (ConfigLoaderTests.minimalRoute + "mentions = \"none\"", "crier.toml:11: routes.r.mentions: expected one of neutralize, mass-only, found 'none'"),
            (ConfigLoaderTests.minimalRoute + "template = \"{{#title}}\"", "crier.toml:11: routes.r.template: invalid Mustache template: expectedSectionEnd (template line 1, column 11)"),
            (ConfigLoaderTests.minimalRoute + "template = \"x\"\ntemplate_file = \"x.mustache\"", "crier.toml:12: routes.r.template_file: set either template or template_file, not both"),
            (ConfigLoaderTests.minimalRoute.replacingOccurrences(of: "sources = [\"s\"]", with: "sources = []"), "crier.toml:9: routes.r.sources: must list at least one source"),
            (ConfigLoaderTests.minimalRoute.replacingOccurrences(of: "groups = [\"g\"]", with: "groups = [\"g\", \"g\"]"), "crier.toml:10: routes.r.groups: lists 'g' twice"),
            (ConfigLoaderTests.minimalRoute.replacingOccurrences(of: "groups = [\"g\"]\n", with: ""), "crier.toml:8: routes.r: missing required key 'groups'"),
            (ConfigLoaderTests.minimalRoute.replacingOccurrences(of: "sources = [\"s\"]", with: "sources = [\n  \"s\",\n  \"t\",\n]"), "crier.toml:11: routes.r.sources: no source named 't'"),
            (ConfigLoaderTests.minimalRoute.replacingOccurrences(of: "sources = [\"s\"]", with: "sources = [\"s\", 2]"), "crier.toml:9: routes.r.sources[1]: expected a string, found an integer"),
            (ConfigLoaderTests.minimalRoute + "filter = { field = \"title\", equals = \"x\" }", "crier.toml:11: routes.r.filter: expected an array of tables ([[routes.r.filter]]), found a table"),
            (ConfigLoaderTests.minimalRoute + "[[routes.r.filter]]\nfield = \"title\"", "crier.toml:11: routes.r.filter[0]: missing a condition: set one of equals, contains, regex or categories"),
            (ConfigLoaderTests.minimalRoute + "[[routes.r.filter]]\nfield = \"title\"\nequals = \"a\"\nregex = \"b\"", "crier.toml:11: routes.r.filter[0]: set only one of equals, contains, regex or categories, found equals and regex"),
            (ConfigLoaderTests.minimalRoute + "[[routes.r.filter]]\nfield = \"title\"\nequals = \"a\"\n[[routes.r.filter]]\ncontains = \"b\"", "crier.toml:14: routes.r.filter[1]: missing required key 'field'"),
            (ConfigLoaderTests.minimalRoute + "[[routes.r.filter]]\ncategories = []", "crier.toml:12: routes.r.filter[0].categories: must list at least one category"),
            (ConfigLoaderTests.minimalRoute + "[[routes.r.filter]]\nfield = \"title\"\nequals = \"a\"\nnott = true", "crier.toml:14: routes.r.filter[0].nott: unknown key 'nott'; did you mean 'not'?"),
            // Syntax.
            ("[crier]\nlog_level = \"info\"\nstate_dir = \n", "crier.toml:3: TOML syntax error at column 13 (key-value pair): "),
            ("[crier]\n[crier]\n", "crier.toml:2: TOML syntax error at column 1 (table header): "),
        ]

        @Test("each kind of mistake gives file:line: key: message", arguments: cases)
        func mistake(text: String, expected: String) {
            let problems = ConfigFixture.problems(text)
            if expected.hasSuffix("): ") {
                // toml++'s own wording is not ours to pin down; the line, column and context are.
                #expect(problems.count == 1)
                #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
            } else {
                #expect(problems == [expected])
            }
        }

        @Test("problems are sorted by line, whatever the order they were found in")
        func sortedByLine() throws {
            let text = """
                [routes.r]
                sources = ["missing"]
                groups = ["g"]
                [crier]
                log_level = 1
                """
            do {
                _ = try ConfigFixture.load(text)
                Issue.record("expected problems")
            } catch {
                #expect(error.problems.map(\.line) == [2, 3, 5])
                #expect(error.problems.map(\.keyPath) == ["routes.r.sources", "routes.r.groups", "crier.log_level"])
            }
        }
    }
}

// MARK: - Durations and sizes

extension ConfigLoaderTests {
    @Suite("DurationParser and ByteSizeParser")
    struct Durations {
        static let durations: [(String, Duration?)] = [
            ("90s", .seconds(90)),
            ("10m", .seconds(600)),
            ("1h30m", .seconds(5400)),
            ("2d", .seconds(172_800)),
            ("500ms", .milliseconds(500)),
            ("1h 30m", .seconds(5400)),
            (" 6h ", .seconds(21_600)),
            ("1d2h3m4s5ms", .milliseconds(93_784_005)),
            ("0s", .zero),
            ("10", nil),
            ("", nil),
            ("m", nil),
            ("1.5h", nil),
            ("-5m", nil),
            ("10 minutes", nil),
            ("5w", nil),
            ("10M", nil),
            ("1h30", nil),
            ("99999999999999999999d", nil),
        ]

        @Test("DurationParser.parse", arguments: durations)
        func parse(text: String, expected: Duration?) {
            #expect(DurationParser.parse(text) == expected)
        }

        @Test("DurationParser.format round-trips", arguments: ["90s", "10m", "1h30m", "2d", "500ms", "1d2h3m4s5ms", "0s"])
        func format(text: String) throws {
            let duration = try #require(DurationParser.parse(text))
            #expect(DurationParser.format(duration) == (text == "90s" ? "1m30s" : text))
        }

        static let sizes: [(String, Int?)] = [
            ("15MiB", 15 * 1024 * 1024), ("512 KB", 512_000), ("1GiB", 1 << 30), ("2gb", 2_000_000_000), ("100B", 100),
            ("4096", 4096), ("1.5MiB", nil), ("MiB", nil), ("10 XB", nil), ("", nil),
        ]

        @Test("ByteSizeParser.parse", arguments: sizes)
        func size(text: String, expected: Int?) {
            #expect(ByteSizeParser.parse(text) == expected)
        }
    }
}

/// A catalog with just enough of the real connectors and sinks to exercise the loader:
/// `feed` sources (`url` required, `allow_file`), `hub` sinks (no keys, no token) and
/// `mastodon` sinks (`url` required; groups need a token).
struct TestCatalog: ComponentCatalog {
    var sourceTypes: [String] { ["feed"] }
    var sinkTypes: [String] { ["hub", "mastodon"] }

    func validateSource(type: String, options: [String: ConfigValue]) -> [OptionProblem] {
        var problems = unknownKeys(options, known: ["url", "allow_file"])
        problems += require(options, "url", as: "a string") { $0.stringValue != nil }
        if let allow = options["allow_file"], allow.boolValue == nil {
            problems.append(OptionProblem(key: "allow_file", message: "expected a boolean, found \(allow.typeName)"))
        }
        return problems
    }

    func validateSink(type: String, options: [String: ConfigValue]) -> [OptionProblem] {
        // Worded like the real sinks do, to check that the loader still adds its suggestion.
        guard type == "mastodon" else {
            return options.keys.sorted().map { OptionProblem(key: $0, message: "unknown key '\($0)' for a hub sink") }
        }
        return unknownKeys(options, known: ["url"]) + require(options, "url", as: "a string") { $0.stringValue != nil }
    }

    func sinkNeedsGroupToken(type: String) -> Bool { type == "mastodon" }

    private func unknownKeys(_ options: [String: ConfigValue], known: Set<String>) -> [OptionProblem] {
        options.keys.sorted().filter { !known.contains($0) }.map { OptionProblem(key: $0, message: "unknown key") }
    }

    private func require(
        _ options: [String: ConfigValue], _ key: String, as typeName: String, _ isValid: (ConfigValue) -> Bool
    ) -> [OptionProblem] {
        guard let value = options[key] else { return [OptionProblem(key: "", message: "missing required key '\(key)'")] }
        return isValid(value) ? [] : [OptionProblem(key: key, message: "expected \(typeName), found \(value.typeName)")]
    }
}

/// Helpers shared by the config test suites.
enum ConfigFixture {
    /// Parses `text` as `crier.toml` in `/etc/crier`.
    static func load(
        _ text: String, baseDirectory: String = "/etc/crier", environment: [String: String] = [:]
    ) throws(ConfigError) -> CrierConfig {
        try ConfigLoader.parse(
            text: text, file: "crier.toml", baseDirectory: baseDirectory, catalog: TestCatalog(), environment: environment)
    }

    /// The rendered problems of `text` (`file:line: key: message`), or `[]` when it is valid.
    static func problems(
        _ text: String, baseDirectory: String = "/etc/crier", environment: [String: String] = [:]
    ) -> [String] {
        do {
            _ = try load(text, baseDirectory: baseDirectory, environment: environment)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// The repository root, found from this file's path (Tests/CrierCoreTests/…).
    static func repositoryRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crier-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
