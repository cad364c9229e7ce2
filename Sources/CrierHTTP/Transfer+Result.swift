internal import CCurl

extension Transfer {
    /// Turns libcurl's verdict into the caller's result. Call on the curl thread after the handle
    /// left the multi handle.
    func result(for code: CURLcode) -> Result<HTTPResponse, HTTPClientError> {
        guard code == CURLE_OK else { return .failure(self.error(for: code)) }
        var status = 0
        _ = crier_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var urlPointer: UnsafeMutablePointer<CChar>?
        _ = crier_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let effectiveURL = urlPointer.map { String(cString: $0) } ?? self.url
        // file:// has no status line; a read that succeeded is reported like an HTTP 200.
        if status == 0 { status = 200 }
        return .success(HTTPResponse(status: status, headers: self.headers, body: self.takeBody(), effectiveURL: effectiveURL))
    }

    /// Classifies a libcurl failure once, so callers can switch on ``HTTPClientError/Code``.
    func error(for code: CURLcode) -> HTTPClientError {
        let detail = self.curlDetail(code)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(code: .timeout, message: "timed out after \(timeout.secondsDescription) fetching \(url)")
        case CURLE_WRITE_ERROR where self.exceededBodyCap, CURLE_FILESIZE_EXCEEDED:
            return HTTPClientError(code: .bodyTooLarge, message: "response body larger than \(Self.bytesDescription(maxBodyBytes)) fetching \(url)")
        case CURLE_TOO_MANY_REDIRECTS:
            return HTTPClientError(code: .tooManyRedirects, message: "too many redirects (\(detail)) fetching \(url)")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPClientError(code: .unsupportedProtocol, message: "unsupported or disallowed protocol (\(detail)) fetching \(url)")
        case CURLE_COULDNT_CONNECT:
            return HTTPClientError(code: .couldNotConnect, message: "could not connect (\(detail)) fetching \(url)")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPClientError(code: .couldNotResolve, message: "could not resolve host (\(detail)) fetching \(url)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return HTTPClientError(code: .tls, message: "TLS error (\(detail)) fetching \(url)")
        case CURLE_ABORTED_BY_CALLBACK:
            return self.cancelledError()
        default:
            return HTTPClientError(code: .other, message: "\(detail) fetching \(url)")
        }
    }

    /// libcurl's specific message from the error buffer, else its generic text for the code.
    private func curlDetail(_ code: CURLcode) -> String {
        let specific = String(cString: self.errorBuffer).trimmingASCIIWhitespace()
        return specific.isEmpty ? String(cString: curl_easy_strerror(code)) : specific
    }

    /// `15728640` → `"15 MiB"`, `1500` → `"1500 bytes"`.
    static func bytesDescription(_ bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        if bytes >= mebibyte && bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
        if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024) KiB" }
        return "\(bytes) bytes"
    }
}
