/// A validated configuration: what `crier run` builds its services from.
///
/// Every value here has passed validation; the loader (`ConfigLoader`) reports every problem
/// with its file, line and key path before one of these exists.
public struct CrierConfig: Sendable, Equatable {
    /// The file this configuration was read from (for messages), or `nil` for in-memory configs.
    public var file: String?
    /// The directory of the config file; relative paths in the config were resolved against it.
    public var baseDirectory: String
    /// `[crier]`.
    public var daemon: DaemonSettings
    /// `[http]`.
    public var http: HTTPSettings
    /// `[hub]`.
    public var hub: HubSettings
    /// Sources by their stable id (the `x` of `[sources.x]`).
    public var sources: [String: SourceConfig]
    /// Sinks by id (the `x` of `[sinks.x]`).
    public var sinks: [String: SinkConfig]
    /// Groups by id (the `x` of `[groups.x]`).
    public var groups: [String: GroupConfig]
    /// Routes by id (the `x` of `[routes.x]`); the id is part of every idempotency key.
    public var routes: [String: RouteConfig]

    /// Creates a configuration; every part defaults to what an empty file gives.
    public init(
        file: String? = nil, baseDirectory: String = ".", daemon: DaemonSettings = .init(), http: HTTPSettings = .init(), hub: HubSettings = .init(),
        sources: [String: SourceConfig] = [:], sinks: [String: SinkConfig] = [:],
        groups: [String: GroupConfig] = [:], routes: [String: RouteConfig] = [:]
    ) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.daemon = daemon
        self.http = http
        self.hub = hub
        self.sources = sources
        self.sinks = sinks
        self.groups = groups
        self.routes = routes
    }
}

/// `[crier]`: process-wide settings.
public struct DaemonSettings: Sendable, Equatable {
    /// Directory holding `state.db` and `hub.db`; relative paths are resolved against the config file.
    public var stateDirectory: String = "/var/lib/crier"
    /// A swift-log level name: `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel: String = "info"
    /// How many sources may be polled at once, over all hosts.
    public var maxConcurrentPolls: Int = 64
    /// How many polls may run against one host at once.
    public var maxPollsPerHost: Int = 6
    /// Upper bound for the failure backoff of one source.
    public var maxBackoff: Duration = .seconds(6 * 3600)
    /// How often each group's replies are read from its sink (Mastodon notifications).
    public var replyPollInterval: Duration = .seconds(5)
    /// The defaults, as an empty `[crier]` gives.
    public init() {}
}

/// `[http]`: the libcurl client's settings.
public struct HTTPSettings: Sendable, Equatable {
    /// Whole-request timeout.
    public var timeout: Duration = .seconds(20)
    /// Bodies larger than this are refused (`max_body`).
    public var maxBodyBytes: Int = 15 * 1024 * 1024
    /// Connections kept open per host.
    public var maxConnectionsPerHost: Int = 6
    /// Redirects followed per request; 0 follows none.
    public var maxRedirects: Int = 5
    /// Overrides the `http_proxy`/`https_proxy` environment when set.
    public var proxy: String?
    /// Overrides `CURL_CA_BUNDLE`/`SSL_CERT_FILE` when set.
    public var caBundle: String?
    /// The defaults, as an empty `[http]` gives.
    public init() {}
}

/// `[hub]`: the embedded microblog.
public struct HubSettings: Sendable, Equatable {
    /// Whether the daemon serves the hub.
    public var enabled: Bool = true
    /// The address to listen on (IPv6 without brackets), from `listen`.
    public var host: String = "127.0.0.1"
    /// The port to listen on, from `listen`.
    public var port: Int = 8470
    /// Shown in the web UI.
    public var title: String = "Crier"
    /// The longest post the hub accepts.
    public var maxCharacters: Int = 500
    /// A reverse proxy's header naming the logged-in user (single sign-on), trusted only from
    /// `trustedProxies`.
    public var trustedProxyHeader: String?
    /// Addresses or CIDR ranges of the reverse proxies allowed to set the header.
    public var trustedProxies: [String] = []
    /// People's accounts from `[hub.users.NAME]`, created or updated at start-up.
    public var users: [HubUserConfig] = []
    /// The defaults, as an empty `[hub]` gives.
    public init() {}
}

/// `[hub.users.NAME]`: a person's local account on the hub.
public struct HubUserConfig: Sendable, Equatable {
    public var username: String
    public var displayName: String?
    /// From `password_file`/`password_env`; `nil` leaves the account's password as it is.
    public var password: String?
    public init(username: String, displayName: String? = nil, password: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.password = password
    }
}

/// `[sources.x]`: one configured instance of a connector.
public struct SourceConfig: Sendable, Equatable {
    /// The stable id (the `x` of `[sources.x]`), used in state.
    public var id: String
    /// The connector kind (`feed`, …), as listed in the connector catalog.
    public var type: String
    /// How often to poll when the source gives no hint.
    public var interval: Duration = .seconds(600)
    /// Bounds for server hints (`ttl`, `Cache-Control`, `Retry-After`) on the next poll time.
    public var minInterval: Duration = .seconds(60)
    /// The longest wait a server hint may cause; never shorter than `minInterval`.
    public var maxInterval: Duration = .seconds(6 * 3600)
    /// How many of the newest items the first poll posts; 0 records a baseline only.
    public var backfill: Int = 0
    /// Connector-specific keys (e.g. `url`, `allow_file` for feeds), checked by the connector's factory.
    public var options: [String: ConfigValue]
    /// Where `[sources.x]` starts, for messages.
    public var line: Int?

    /// Creates a source with default timing; `options` are the connector's own keys.
    public init(id: String, type: String, options: [String: ConfigValue] = [:], line: Int? = nil) {
        self.id = id
        self.type = type
        self.options = options
        self.line = line
    }
}

/// `[sinks.x]`: one configured microblog target.
public struct SinkConfig: Sendable, Equatable {
    /// The id (the `x` of `[sinks.x]`).
    public var id: String
    /// `hub` (the embedded hub) or `mastodon`.
    public var type: String
    /// Sink-specific keys (e.g. `url` for Mastodon).
    public var options: [String: ConfigValue]
    /// Where `[sinks.x]` starts, for messages.
    public var line: Int?

    /// Creates a sink; `options` are the sink's own keys.
    public init(id: String, type: String, options: [String: ConfigValue] = [:], line: Int? = nil) {
        self.id = id
        self.type = type
        self.options = options
        self.line = line
    }
}

/// `[groups.x]`: a destination inside a sink.
public struct GroupConfig: Sendable, Equatable {
    /// The id (the `x` of `[groups.x]`).
    public var id: String
    /// The `[sinks.x]` this group lives in.
    public var sink: String
    /// The account name inside the sink (defaults to the group id).
    public var account: String
    /// Shown as the account's name (defaults to the group id).
    public var displayName: String
    /// The account's bio.
    public var description: String
    /// The bearer token for this group's account; always resolved from a file or the environment.
    public var token: Secret?
    /// A closed hub group is visible to its members only.
    public var closed: Bool = false
    /// Hub user names; `nil` leaves the membership as the command line set it.
    public var members: [String]?

    /// Creates a group; `account` and `displayName` default to `id`.
    public init(id: String, sink: String, account: String? = nil, displayName: String? = nil, description: String = "", token: Secret? = nil) {
        self.id = id
        self.sink = sink
        self.account = account ?? id
        self.displayName = displayName ?? id
        self.description = description
        self.token = token
    }
}

/// What a later item of an already posted thread does in a group.
public enum UpdatePolicy: String, Sendable, Equatable, CaseIterable {
    /// A reply under the thread's first post.
    case reply
    /// An edit of the thread's first post.
    case edit
    /// A new, independent post.
    case post
    /// Nothing.
    case ignore
}

/// How `@mentions` in source content are treated.
public enum MentionPolicy: String, Sendable, Equatable, CaseIterable {
    /// Every `@mention` from source content is neutralized (the default).
    case neutralizeAll = "neutralize"
    /// Only mass mentions (`@all`, `@everyone`, `@channel`, `@here`) are neutralized.
    case massOnly = "mass-only"
}

/// `[routes.x]`: which items of which sources go to which groups, and how.
public struct RouteConfig: Sendable, Equatable {
    /// The id (the `x` of `[routes.x]`), part of every idempotency key.
    public var id: String
    /// The `[sources.x]` ids feeding this route, in the order written.
    public var sources: [String]
    /// The `[groups.x]` ids receiving its posts.
    public var groups: [String]
    /// A Mustache template; `nil` uses the connector's default.
    public var template: String?
    /// What a later item of an already posted thread does.
    /// `nil` when the route sets none: each source's connector then decides (feeds edit, wikis reply).
    public var updates: UpdatePolicy?
    /// How `@mentions` in source content are treated.
    public var mentions: MentionPolicy = .neutralizeAll
    /// All filters must match for an item to be routed.
    public var filters: [RouteFilter] = []
    /// When set, items of this route that arrive within this window of the first one become one
    /// post listing them (a digest) instead of one post each.
    public var digest: Duration?
    /// A burst smaller than this is posted item by item (`digest_min`, default 2).
    public var digestMinimum: Int = 2

    /// Creates a route with the default update and mention policies.
    public init(id: String, sources: [String], groups: [String], template: String? = nil, filters: [RouteFilter] = []) {
        self.id = id
        self.sources = sources
        self.groups = groups
        self.template = template
        self.filters = filters
    }
}

/// One condition of a route: a field compared with a value.
public struct RouteFilter: Sendable, Equatable {
    /// How the field is compared.
    public enum Match: Sendable, Equatable {
        /// The whole field equals this text.
        case equals(String)
        /// The field contains this text.
        case contains(String)
        /// A regular expression (ICU syntax, as `NSRegularExpression` understands it).
        case regex(String)
        /// At least one of these categories or tags (case-insensitive).
        case anyCategory([String])
    }

    /// `title`, `summary`, `link`, `author`, `categories`, or a connector field name.
    public var field: String
    /// How the field is compared.
    public var match: Match
    /// Inverts the match (`not = true`).
    public var negate: Bool = false

    /// Creates a filter.
    public init(field: String, match: Match, negate: Bool = false) {
        self.field = field
        self.match = match
        self.negate = negate
    }
}

/// A secret's value and where it came from (never the config text itself).
public struct Secret: Sendable, Equatable, CustomStringConvertible {
    /// The secret itself; never log or print it.
    public var value: String
    /// `file:/path` or `env:NAME`, for messages that must not print the value.
    public var origin: String
    /// Wraps a secret read from `origin`.
    public init(value: String, origin: String) {
        self.value = value
        self.origin = origin
    }
    /// Names the origin only, so that interpolating a secret by mistake does not leak it.
    public var description: String { "<secret from \(origin)>" }
}
