/// Settings shared by every request of one ``HTTPClient``.
public struct HTTPClientConfiguration: Sendable {
    /// The `User-Agent` sent unless a request sets its own; `"Crier/<version>"` by default.
    public var userAgent: String
    /// The whole-transfer time limit when a request sets none; 20 s by default.
    public var timeout: Duration
    /// The largest decoded body accepted when a request sets no cap; 15 MiB by default.
    public var maxBodyBytes: Int
    /// How many redirects are followed before failing with ``HTTPClientError/Code/tooManyRedirects``; 5 by default.
    public var maxRedirects: Int
    /// Open connections per host; 6 by default. Without a cap, hundreds of parallel requests to a
    /// server with a small listen backlog time out instead of queueing.
    public var maxConnectionsPerHost: Int
    /// Open connections in total; 256 by default.
    public var maxTotalConnections: Int
    /// A proxy URL; `nil` lets libcurl honour `http_proxy`, `https_proxy` and `no_proxy` itself.
    public var proxy: String?
    /// A CA bundle file; `nil` uses `CURL_CA_BUNDLE` or `SSL_CERT_FILE` if set, else the system default.
    public var caBundle: String?

    /// Creates a configuration with every default.
    public init() {
        self.userAgent = "Crier/\(CrierVersion.string)"
        self.timeout = .seconds(20)
        self.maxBodyBytes = 15 * 1024 * 1024
        self.maxRedirects = 5
        self.maxConnectionsPerHost = 6
        self.maxTotalConnections = 256
        self.proxy = nil
        self.caBundle = nil
    }
}
