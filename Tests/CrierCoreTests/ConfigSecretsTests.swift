import CrierCore
import Foundation
import Testing

extension ConfigLoaderTests {
    @Suite("ConfigLoader: group tokens")
    struct Secrets {
        /// A mastodon sink and one group on line 4; the token keys go on line 6.
        static func config(_ tokenLine: String) -> String {
            """
            [sinks.social]
            type = "mastodon"
            url = "https://social.example.com"
            [groups.news]
            sink = "social"
            \(tokenLine)
            """
        }

        @Test("token_file: read relative to the config file, trimmed")
        func tokenFromFile() throws {
            let directory = try ConfigFixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("secrets"), withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("secrets/news-token").path
            try "  s3cret-file-token\n\n".write(toFile: path, atomically: true, encoding: .utf8)

            let config = try ConfigFixture.load(Self.config("token_file = \"secrets/news-token\""), baseDirectory: directory.path)
            #expect(config.groups["news"]?.token == Secret(value: "s3cret-file-token", origin: "file:\(path)"))
            #expect(config.groups["news"]?.token?.description == "<secret from file:\(path)>")
        }

        @Test("token_file: a relative path is looked up in $CREDENTIALS_DIRECTORY first")
        func tokenFromCredentialsDirectory() throws {
            let directory = try ConfigFixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let credentials = directory.appendingPathComponent("credentials")
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            try "from-credentials".write(to: credentials.appendingPathComponent("news-token"), atomically: true, encoding: .utf8)
            try "from-config-dir".write(to: directory.appendingPathComponent("news-token"), atomically: true, encoding: .utf8)
            let environment = ["CREDENTIALS_DIRECTORY": credentials.path]

            for line in ["token_file = \"news-token\"", "token_file = \"$CREDENTIALS_DIRECTORY/news-token\"", "token_file = \"${CREDENTIALS_DIRECTORY}/news-token\""] {
                let config = try ConfigFixture.load(Self.config(line), baseDirectory: directory.path, environment: environment)
                #expect(config.groups["news"]?.token?.value == "from-credentials", "\(line)")
            }
            // Without the variable, or without the file there, the config directory is used.
            let plain = try ConfigFixture.load(Self.config("token_file = \"news-token\""), baseDirectory: directory.path)
            #expect(plain.groups["news"]?.token?.value == "from-config-dir")
            #expect(ConfigFixture.problems(Self.config("token_file = \"$CREDENTIALS_DIRECTORY/news-token\""), baseDirectory: directory.path) == [
                "crier.toml:6: groups.news.token_file: CREDENTIALS_DIRECTORY is not set (is the service started with LoadCredential=?)",
            ])
        }

        @Test("token_file: a missing or empty file is a problem naming the key")
        func tokenFileProblems() throws {
            let directory = try ConfigFixture.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try " \n".write(to: directory.appendingPathComponent("empty"), atomically: true, encoding: .utf8)

            #expect(ConfigFixture.problems(Self.config("token_file = \"gone\""), baseDirectory: directory.path) == [
                "crier.toml:6: groups.news.token_file: cannot read token file '\(directory.path)/gone'",
            ])
            #expect(ConfigFixture.problems(Self.config("token_file = \"empty\""), baseDirectory: directory.path) == [
                "crier.toml:6: groups.news.token_file: token file '\(directory.path)/empty' is empty",
            ])
        }

        @Test("token_env: read from the environment, trimmed; unset or empty is a problem")
        func tokenFromEnvironment() throws {
            let text = Self.config("token_env = \"CRIER_NEWS_TOKEN\"")
            let config = try ConfigFixture.load(text, environment: ["CRIER_NEWS_TOKEN": "env-token\n"])
            #expect(config.groups["news"]?.token == Secret(value: "env-token", origin: "env:CRIER_NEWS_TOKEN"))

            let expected = ["crier.toml:6: groups.news.token_env: environment variable 'CRIER_NEWS_TOKEN' is not set or empty"]
            #expect(ConfigFixture.problems(text) == expected)
            #expect(ConfigFixture.problems(text, environment: ["CRIER_NEWS_TOKEN": "  "]) == expected)
        }

        @Test("a literal token in the config text is rejected without echoing it")
        func literalTokenRejected() {
            let problems = ConfigFixture.problems(Self.config("token = \"hunter2-literal\"\ntoken_env = \"T\""), environment: ["T": "x"])
            #expect(problems == ["crier.toml:6: groups.news.token: secrets are not accepted in the config text; use token_file or token_env"])
            #expect(!problems.joined().contains("hunter2"))
            // A rejected key is never offered as a suggestion.
            let typo = ConfigFixture.problems(Self.config("tokn = \"x\"\ntoken_env = \"T\""), environment: ["T": "x"])
            #expect(typo == ["crier.toml:6: groups.news.tokn: unknown key 'tokn'"])
        }

        @Test("problems never contain a resolved token")
        func noLeak() {
            let text = Self.config("token_env = \"CRIER_NEWS_TOKEN\"\naccount = 42\ndisplay_name = \"\"")
            let problems = ConfigFixture.problems(text, environment: ["CRIER_NEWS_TOKEN": "super-secret-value"])
            #expect(problems == [
                "crier.toml:7: groups.news.account: expected a string, found an integer",
                "crier.toml:8: groups.news.display_name: must not be empty",
            ])
            #expect(!problems.joined().contains("super-secret-value"))
        }

        @Test("a hub group needs no token")
        func hubGroupNeedsNoToken() throws {
            let config = try ConfigFixture.load("[sinks.hub]\ntype = \"hub\"\n[groups.news]\nsink = \"hub\"")
            #expect(config.groups["news"]?.token == nil)
        }
    }
}
