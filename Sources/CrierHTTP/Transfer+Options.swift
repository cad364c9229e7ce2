internal import CCurl
internal import Glibc

extension Transfer {
    /// Applies the libcurl options for one request. Any option that fails to apply is a bug or an
    /// unsupported value, so it is reported instead of silently ignored.
    func configure(request: HTTPRequest, configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var failures: [String] = []
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK { failures.append("\(what): \(String(cString: curl_easy_strerror(code)))") }
        }

        check(crier_easy_setopt_string(handle, CURLOPT_URL, request.url), "URL")
        check(crier_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, self.errorBuffer), "error buffer")
        // Signals are process-wide; a library on a worker thread must not use them for DNS timeouts.
        check(crier_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "nosignal")

        // Only web protocols: a feed URL or a redirect must never reach file://, ftp://, gopher:// …
        let protocols = request.allowFile ? "http,https,file" : "http,https"
        check(crier_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols), "protocols")
        check(crier_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols")
        check(crier_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1), "follow location")
        check(crier_easy_setopt_long(handle, CURLOPT_MAXREDIRS, configuration.maxRedirects), "max redirects")

        check(crier_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, self.timeout.curlMilliseconds), "timeout")
        // Rejects early when Content-Length is known; the write callback covers the rest.
        check(crier_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(self.maxBodyBytes)), "max file size")
        // An empty string asks for every encoding this libcurl can decode (gzip, deflate, br, zstd).
        check(crier_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "accept encoding")
        check(crier_easy_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent), "user agent")

        if let proxy = configuration.proxy {
            check(crier_easy_setopt_string(handle, CURLOPT_PROXY, proxy), "proxy")
        }
        if let caBundle = configuration.caBundle ?? Self.environment("CURL_CA_BUNDLE") ?? Self.environment("SSL_CERT_FILE") {
            check(crier_easy_setopt_string(handle, CURLOPT_CAINFO, caBundle), "CA bundle")
        }

        check(crier_easy_setopt_write_cb(handle, crierWriteCallback), "write callback")
        check(crier_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "write data")
        check(crier_easy_setopt_header_cb(handle, crierHeaderCallback), "header callback")
        check(crier_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "header data")

        failures += self.configureMethodAndBody(request)
        self.headerList = Self.headerList(for: request)
        check(crier_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, self.headerList), "headers")

        if !failures.isEmpty {
            throw HTTPClientError(
                code: .other,
                message: "invalid request options (\(failures.joined(separator: "; "))) fetching \(request.url)"
            )
        }
    }

    /// Sets the method and copies the body into libcurl, so the caller's array need not outlive the call.
    private func configureMethodAndBody(_ request: HTTPRequest) -> [String] {
        var failures: [String] = []
        let method = request.method.uppercased()
        if method == "HEAD" {
            if crier_easy_setopt_long(handle, CURLOPT_NOBODY, 1) != CURLE_OK { failures.append("HEAD") }
        }
        if request.body != nil || method == "POST" {
            let body = request.body ?? []
            if crier_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)) != CURLE_OK {
                failures.append("body size")
            }
            // COPYPOSTFIELDS copies `body.count` bytes (the size set just above), so it is binary-safe
            // and the caller's array need not outlive this call.
            let code =
                body.isEmpty
                ? crier_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { crier_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            if code != CURLE_OK { failures.append("body") }
        }
        // libcurl picks POST when there is a body, HEAD with NOBODY, else GET; anything else is named.
        let impliedMethod = request.body != nil || method == "POST" ? "POST" : (method == "HEAD" ? "HEAD" : "GET")
        if method != impliedMethod {
            if crier_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) != CURLE_OK { failures.append("method") }
        }
        return failures
    }

    /// Builds the extra header lines: the caller's, the conditional-request validators, and two
    /// suppressions of libcurl defaults.
    private static func headerList(for request: HTTPRequest) -> UnsafeMutablePointer<curl_slist>? {
        var lines: [String] = []
        for (rawName, rawValue) in request.headers {
            let name = rawName.removingLineBreaks()
            let value = rawValue.removingLineBreaks().trimmingASCIIWhitespace()
            // "Name;" is libcurl's way to send a header with an empty value ("Name:" would remove it).
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if let etag = request.etag, !request.headers.contains("If-None-Match") {
            lines.append("If-None-Match: \(etag.removingLineBreaks())")
        }
        if let lastModified = request.lastModified, !request.headers.contains("If-Modified-Since") {
            lines.append("If-Modified-Since: \(lastModified.removingLineBreaks())")
        }
        if request.body != nil {
            // libcurl waits up to 1 s for "100 Continue" on large bodies; few servers need it.
            if !request.headers.contains("Expect") { lines.append("Expect:") }
            // Otherwise libcurl labels every body as a form post, which would be a lie.
            if !request.headers.contains("Content-Type") { lines.append("Content-Type:") }
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else { continue }
            list = appended
        }
        return list
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let string = String(cString: value)
        return string.isEmpty ? nil : string
    }
}
