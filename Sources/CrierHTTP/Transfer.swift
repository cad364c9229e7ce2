internal import CCurl
internal import Synchronization

/// One request in flight: its easy handle, what has arrived so far, and the caller waiting for it.
///
/// `@unchecked Sendable` because it crosses from the calling task to the curl thread. The split
/// that makes this safe: ``handle`` and the receive buffers are touched only by the curl thread once
/// the transfer is queued (the worker's mutex orders that hand-over); everything the caller's side
/// touches later lives in ``control``, behind a mutex.
final class Transfer: @unchecked Sendable {
    /// The configured libcurl easy handle; owned, and cleaned up in `deinit`.
    let handle: UnsafeMutableRawPointer
    /// The URL as requested, for error messages.
    let url: String
    /// The time limit in force, for the timeout message.
    let timeout: Duration
    /// The body cap in force, enforced in ``receiveBody(_:)``.
    let maxBodyBytes: Int

    // Received data; curl thread only.
    private(set) var body: [UInt8] = []
    private(set) var headers = HTTPHeaders()
    /// Set when the write callback refused data for the cap, so CURLE_WRITE_ERROR can be told apart.
    private(set) var exceededBodyCap = false

    // C memory that must outlive the easy handle's use of it.
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>

    private struct Control {
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var cancelRequested = false
        var finished = false
    }
    private let control = Mutex(Control())

    /// Creates the easy handle and applies every option for `request`.
    init(request: HTTPRequest, configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        guard CurlGlobal.ready, let handle = curl_easy_init() else {
            throw HTTPClientError(code: .other, message: "could not initialise libcurl fetching \(request.url)")
        }
        self.handle = handle
        self.url = request.url
        self.timeout = request.timeout ?? configuration.timeout
        self.maxBodyBytes = request.maxBodyBytes ?? configuration.maxBodyBytes
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try self.configure(request: request, configuration: configuration)
    }

    deinit {
        // The worker always removes the handle from the multi before letting go of the transfer.
        curl_easy_cleanup(self.handle)
        curl_slist_free_all(self.headerList)
        self.errorBuffer.deallocate()
    }

    // MARK: Receiving (curl thread)

    /// Appends decoded body bytes; `false` once the cap would be passed, which aborts the transfer.
    /// libcurl calls the write callback with decompressed data, so this also stops gzip bombs.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard self.body.count + bytes.count <= self.maxBodyBytes else {
            self.exceededBodyCap = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    /// Takes one raw header line. A status line starts a new response (a redirect hop, a
    /// `100 Continue`, a proxy's CONNECT reply), so only the final response's fields are kept.
    func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            self.headers = HTTPHeaders()
            return
        }
        let trimmed = line.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return }
        if line.first == " " || line.first == "\t" {
            // Obsolete line folding: the line continues the previous field's value.
            self.appendToLastHeader(trimmed)
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon]).trimmingASCIIWhitespace()
        let value = String(trimmed[trimmed.index(after: colon)...]).trimmingASCIIWhitespace()
        self.headers.add(name, value)
    }

    private func appendToLastHeader(_ continuation: String) {
        var fields = Array(self.headers)
        guard let last = fields.popLast() else { return }
        fields.append((name: last.name, value: last.value + " " + continuation))
        self.headers = HTTPHeaders(fields.map { ($0.name, $0.value) })
    }

    /// Hands the received body to the response without copying it.
    func takeBody() -> [UInt8] {
        defer { self.body = [] }
        return self.body
    }

    // MARK: Completion (any thread)

    /// Records the caller's continuation; `false` if the task was cancelled first, in which case
    /// the caller must resume it itself.
    func attach(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        self.control.withLock { control in
            if control.cancelRequested { return false }
            control.continuation = continuation
            return true
        }
    }

    /// Marks the transfer cancelled; `true` if it is waiting in the worker and must be pulled out.
    func requestCancel() -> Bool {
        self.control.withLock { control in
            control.cancelRequested = true
            return control.continuation != nil && !control.finished
        }
    }

    /// Whether ``requestCancel()`` has been called.
    var isCancelRequested: Bool {
        self.control.withLock { $0.cancelRequested }
    }

    /// Resumes the caller exactly once; later calls do nothing.
    func finish(_ result: Result<HTTPResponse, HTTPClientError>) {
        let continuation = self.control.withLock { control -> CheckedContinuation<HTTPResponse, any Error>? in
            control.finished = true
            defer { control.continuation = nil }
            return control.continuation
        }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }

    /// The error for a request that was cancelled or whose client shut down.
    func cancelledError(_ reason: String = "cancelled") -> HTTPClientError {
        HTTPClientError(code: .cancelled, message: "\(reason) fetching \(self.url)")
    }
}
