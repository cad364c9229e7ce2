/// An HTTP client built on libcurl's multi interface, driven by one dedicated thread.
///
/// Create one per process and share it: its connection pool, DNS cache and per-host connection cap
/// only help if requests go through the same client.
///
/// ```swift
/// let client = HTTPClient()
/// defer { client.shutdown() }
/// let response = try await client.send(HTTPRequest(url: "https://example.com/feed.xml"))
/// if response.status == 200 { parse(response.body) }
/// ```
public final class HTTPClient: Sendable {
    /// The settings this client was created with.
    public let configuration: HTTPClientConfiguration
    private let worker: CurlWorker

    /// Creates a client and starts its curl thread.
    public init(configuration: HTTPClientConfiguration = .init()) {
        self.configuration = configuration
        self.worker = CurlWorker(configuration: configuration)
    }

    deinit {
        self.worker.shutdown()
    }

    /// Performs `request` and returns the final response after redirects.
    ///
    /// Every status, including 4xx and 5xx, is returned as a response. Failures to get a response
    /// at all throw ``HTTPClientError``; cancelling the calling task aborts the transfer at once
    /// with ``HTTPClientError/Code/cancelled``.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let transfer = try Transfer(request: request, configuration: self.configuration)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                self.worker.submit(transfer, continuation: continuation)
            }
        } onCancel: {
            self.worker.cancel(transfer)
        }
    }

    /// Stops the curl thread. Requests still in flight, and any sent later, fail with
    /// ``HTTPClientError/Code/cancelled``. Calling it again does nothing.
    public func shutdown() {
        self.worker.shutdown()
    }
}
