/// Settings of the embedded hub: where it listens, where it keeps its database, and what it
/// tells Mastodon clients about itself.
///
/// ```swift
/// let configuration = HubConfiguration(port: 0, databasePath: "/var/lib/crier/hub.sqlite")
/// ```
public struct HubConfiguration: Sendable {
    /// The address to bind, `127.0.0.1` by default. It is also the host written into status and
    /// account URLs.
    public var host: String
    /// The TCP port to bind; `0` asks the system for an ephemeral port (reported by
    /// ``HubServer``'s `onListening`).
    public var port: Int
    /// The path of the hub's SQLite database file.
    public var databasePath: String
    /// The instance title shown in the web UI and in `/api/v2/instance`.
    public var title: String
    /// The longest status accepted, in characters (each URL counts as 23).
    public var maxCharacters: Int
    /// The request header through which a trusted reverse proxy names the logged-in user (for
    /// single sign-on, e.g. `X-Remote-User`); nil turns SSO off. The account is created on first
    /// use. Honoured only from ``trustedProxies``.
    public var trustedProxyHeader: String?
    /// Addresses and CIDR ranges of the reverse proxies whose ``trustedProxyHeader``,
    /// `X-Forwarded-Proto` and `X-Forwarded-For` are believed (see ``ProxyTrust``); every other
    /// peer's are ignored.
    public var trustedProxies: [String]
    /// How long a web log-in lasts.
    public var sessionLifetime: Duration

    /// Creates a configuration; only the database path has no default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8470,
        databasePath: String,
        title: String = "Crier",
        maxCharacters: Int = 500,
        trustedProxyHeader: String? = nil,
        trustedProxies: [String] = [],
        sessionLifetime: Duration = .seconds(30 * 24 * 3600)
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.title = title
        self.maxCharacters = maxCharacters
        self.trustedProxyHeader = trustedProxyHeader
        self.trustedProxies = trustedProxies
        self.sessionLifetime = sessionLifetime
    }
}
