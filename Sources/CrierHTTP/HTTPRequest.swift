/// One HTTP (or, when allowed, `file://`) request for ``HTTPClient/send(_:)``.
///
/// ```swift
/// var request = HTTPRequest(url: "https://example.com/feed.xml")
/// request.etag = state.etag          // conditional GET: a 304 costs almost nothing
/// let response = try await client.send(request)
/// ```
public struct HTTPRequest: Sendable {
    /// The absolute URL to fetch.
    public var url: String
    /// The request method, `"GET"` by default.
    public var method: String
    /// Extra request headers; they override libcurl's own (for example `User-Agent`).
    public var headers: HTTPHeaders
    /// The request body, sent as is; `nil` sends none.
    public var body: [UInt8]?
    /// The whole-transfer time limit; `nil` uses ``HTTPClientConfiguration/timeout``.
    public var timeout: Duration?
    /// The largest decoded body accepted; `nil` uses ``HTTPClientConfiguration/maxBodyBytes``.
    public var maxBodyBytes: Int?
    /// Whether a `file://` URL is accepted. Off by default so that a URL from a remote feed can never
    /// read local files; redirects never go to `file://` either way.
    public var allowFile: Bool
    /// A validator from an earlier response; sent as `If-None-Match`.
    public var etag: String?
    /// A `Last-Modified` value from an earlier response; sent as `If-Modified-Since`.
    public var lastModified: String?

    /// Creates a request; ``allowFile``, ``maxBodyBytes``, ``etag`` and ``lastModified`` start unset.
    public init(
        url: String,
        method: String = "GET",
        headers: HTTPHeaders = .init(),
        body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxBodyBytes = nil
        self.allowFile = false
        self.etag = nil
        self.lastModified = nil
    }
}
