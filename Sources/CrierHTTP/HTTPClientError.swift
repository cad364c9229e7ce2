/// Why ``HTTPClient/send(_:)`` produced no response.
///
/// The ``code`` lets callers classify the failure (retry a timeout, give up on an unsupported
/// protocol); the ``message`` is for people and names the URL.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// The request took longer than its timeout.
        case timeout
        /// The decoded body grew past the size cap.
        case bodyTooLarge
        /// More redirects than ``HTTPClientConfiguration/maxRedirects``.
        case tooManyRedirects
        /// The URL's scheme (or a redirect's) is not allowed, for example `file://` by default.
        case unsupportedProtocol
        /// The host was found but refused or dropped the connection.
        case couldNotConnect
        /// The host name (or proxy name) did not resolve.
        case couldNotResolve
        /// A TLS handshake or certificate problem.
        case tls
        /// The calling task was cancelled or the client was shut down.
        case cancelled
        /// Anything else; see ``HTTPClientError/message``.
        case other
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation that names the URL, for example
    /// `"timed out after 20 s fetching http://example.com/feed"`.
    public var message: String

    /// Creates an error; the client builds these, and fakes in tests may too.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The ``message``.
    public var description: String { self.message }
}
