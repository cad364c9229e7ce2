extension HTTPResponse {
    /// How long the server asks us to wait, from `Retry-After` given as seconds or as an HTTP-date
    /// (then measured from now, and never negative); `nil` if the header is absent or invalid.
    public var retryAfter: Duration? {
        self.retryAfter(now: HTTPDate.now())
    }

    /// How long this response stays fresh: `Cache-Control` `max-age` (else `s-maxage`), otherwise
    /// `Expires` minus `Date`. `nil` when the server gives no lifetime or forbids reuse with
    /// `no-cache` or `no-store`.
    public var freshnessLifetime: Duration? {
        self.freshnessLifetime(now: HTTPDate.now())
    }

    /// ``retryAfter`` with an explicit clock reading, so tests need not race the wall clock.
    func retryAfter(now: Int64) -> Duration? {
        guard let raw = self.headers["Retry-After"]?.trimmingASCIIWhitespace(), !raw.isEmpty else { return nil }
        if raw.allSatisfy(\.isASCIIDigit) {
            // Absurd values saturate instead of trapping on overflow.
            return .seconds(Int64(raw) ?? Int64.max)
        }
        guard let date = HTTPDate.parse(raw) else { return nil }
        return .seconds(max(0, date - now))
    }

    /// ``freshnessLifetime`` with an explicit clock reading.
    func freshnessLifetime(now: Int64) -> Duration? {
        let cacheControl = CacheControl(self.headers.values("Cache-Control"))
        if cacheControl.noStore || cacheControl.noCache { return nil }
        if let maxAge = cacheControl.maxAge ?? cacheControl.sharedMaxAge { return .seconds(maxAge) }
        guard let expiresHeader = self.headers["Expires"] else { return nil }
        // RFC 9111 §5.3: an invalid Expires (notably "0") means "already expired".
        guard let expires = HTTPDate.parse(expiresHeader) else { return .zero }
        let date = self.headers["Date"].flatMap(HTTPDate.parse) ?? now
        return .seconds(max(0, expires - date))
    }
}
