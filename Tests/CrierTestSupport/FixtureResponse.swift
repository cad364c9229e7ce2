/// What the fixture server should answer.
///
/// ```swift
/// let server = try await FixtureServer.start { request in
///     request.path == "/slow" ? FixtureResponse(delay: .seconds(5)) : .text("hello")
/// }
/// ```
public struct FixtureResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields in order. `Content-Length` is added from the body unless ``chunked`` is set.
    /// Hummingbird always sets `Date` itself, so a `Date` given here is replaced.
    public var headers: [(String, String)]
    /// The body bytes, sent as they are (set `Content-Encoding` yourself for pre-compressed bytes).
    public var body: [UInt8]
    /// How long to wait before answering, to play a slow server.
    public var delay: Duration?
    /// Whether to stream the body in several chunks with `Transfer-Encoding: chunked` and no
    /// `Content-Length`, as servers do for generated content.
    public var chunked: Bool

    /// Creates a response; with no arguments, an empty `200`.
    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Duration? = nil, chunked: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.chunked = chunked
    }

    /// A text response with a `Content-Type` header, `text/plain` by default.
    public static func text(_ s: String, status: Int = 200, contentType: String = "text/plain") -> FixtureResponse {
        FixtureResponse(status: status, headers: [("Content-Type", contentType)], body: Array(s.utf8))
    }
}
