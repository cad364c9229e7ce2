/// The final response to an ``HTTPRequest``, after redirects.
///
/// Any status is a response, not an error: callers decide what a 404 or a 503 means for them.
public struct HTTPResponse: Sendable {
    /// The status code of the final response; a successful `file://` read is `200`.
    public var status: Int
    /// The headers of the final response only; those of redirect hops are dropped.
    public var headers: HTTPHeaders
    /// The body, already decoded from any `Content-Encoding`.
    public var body: [UInt8]
    /// The URL that answered, after redirects.
    public var effectiveURL: String

    /// Creates a response; the client builds these, and tests and fakes may too.
    public init(status: Int, headers: HTTPHeaders = .init(), body: [UInt8] = [], effectiveURL: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
    }

    /// The `ETag` header, to send back as ``HTTPRequest/etag``.
    public var etag: String? { self.headers["ETag"] }

    /// The `Last-Modified` header, to send back as ``HTTPRequest/lastModified``.
    public var lastModified: String? { self.headers["Last-Modified"] }
}
