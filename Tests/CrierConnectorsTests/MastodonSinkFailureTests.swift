import CrierCore
import CrierTestSupport
import Foundation
import Testing

/// The Mastodon sink against a loopback server that answers like a failing Mastodon: 5xx and 408
/// are transient, 429 is transient with the wait taken from `Retry-After` or Mastodon's
/// `X-RateLimit-Reset`, other 4xx are permanent and carry Mastodon's error text, and every create
/// sends the group's token and the post's `Idempotency-Key`.
@Suite struct MastodonSinkFailureTests {
    static let post = OutgoingPost(group: "news", text: "Release 2.0", idempotencyKey: "crier-0123")

    /// Publishes `post` to a server whose `POST /api/v1/statuses` answers `response`.
    static func publishError(answering response: FixtureResponse) async throws -> SinkError {
        try await RoutedServer.with { server in
            server.set("/api/v1/statuses", response)
            return try await #require(throws: SinkError.self) {
                try await SinkHarness.mastodonSink(server.baseURL).publish(post)
            }
        }
    }

    @Test(arguments: [500, 502, 503, 504, 408])
    func serverErrorsAreTransient(_ status: Int) async throws {
        let error = try await Self.publishError(answering: .json(#"{"error":"We're sorry, but something went wrong on our end."}"#, status: status))
        #expect(error.kind == .transient)
        #expect(error.message.contains("\(status)"))
        #expect(error.retryAfter == nil)
    }

    /// Mastodon's rate-limit reset time, written as Mastodon writes it (with or without fractions).
    static func resetHeader(secondsAhead: Double, fractional: Bool) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: Date().addingTimeInterval(secondsAhead))
    }

    @Test(arguments: [true, false])
    func aRateLimitWaitsUntilTheReset(fractional: Bool) async throws {
        // A minute ahead, so that a loaded machine's delays cannot blur the reading.
        let reset = Self.resetHeader(secondsAhead: 60, fractional: fractional)
        let error = try await Self.publishError(answering: .json(
            #"{"error":"Too many requests"}"#, status: 429,
            headers: [("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)]))
        #expect(error.kind == .transient)
        let wait = try #require(error.retryAfter, "X-RateLimit-Reset \(reset) was not read")
        #expect(wait > .seconds(50) && wait <= .seconds(61), "waits \(wait) for a reset 60 s ahead")
    }

    @Test func retryAfterWinsOverTheResetTime() async throws {
        let error = try await Self.publishError(answering: .json(
            #"{"error":"Too many requests"}"#, status: 429,
            headers: [("Retry-After", "7"), ("X-RateLimit-Reset", Self.resetHeader(secondsAhead: 60, fractional: true))]))
        #expect(error.kind == .transient)
        #expect(error.retryAfter == .seconds(7))
    }

    @Test func aValidationErrorIsPermanentAndSaysWhy() async throws {
        let error = try await Self.publishError(answering: .json(#"{"error":"Validation failed: Text can't be blank"}"#, status: 422))
        #expect(error.kind == .permanent)
        #expect(error.message.contains("Validation failed: Text can't be blank"))
        #expect(error.message.contains("422"))
    }

    @Test(arguments: [401, 403, 404])
    func otherClientErrorsArePermanent(_ status: Int) async throws {
        let error = try await Self.publishError(answering: .json(#"{"error":"The access token is invalid"}"#, status: status))
        #expect(error.kind == .permanent)
        #expect(error.message.contains("The access token is invalid"))
    }

    @Test func anErrorPageThatIsNotJSONStillClassifies() async throws {
        let error = try await Self.publishError(answering: .text("<html><body>502 Bad Gateway</body></html>", status: 502, contentType: "text/html"))
        #expect(error.kind == .transient)
        #expect(error.message.contains("502"))
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let sink = try SinkHarness.mastodonSink("http://127.0.0.1:\(freeLoopbackPort())")
        let error = try await #require(throws: SinkError.self) { try await sink.publish(Self.post) }
        #expect(error.kind == .transient)
    }

    @Test func createsCarryTheTokenAndTheIdempotencyKey() async throws {
        try await RoutedServer.with { server in
            server.set("/api/v1/statuses", .json(#"{"id":"110","url":"https://social.example/@news/110"}"#))
            let published = try await SinkHarness.mastodonSink(server.baseURL + "/", token: "s3cret").publish(
                OutgoingPost(group: "news", text: "Ünïcode & spaces = fine", inReplyTo: "99", idempotencyKey: "crier-abc"))
            #expect(published == PublishedPost(remoteId: "110", url: "https://social.example/@news/110"))
            let request = try #require(server.requests.last)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/statuses")
            #expect(request.headers["authorization"] == "Bearer s3cret")
            #expect(request.headers["idempotency-key"] == "crier-abc")
            #expect(formValue(request.body, "status") == "Ünïcode & spaces = fine")
            #expect(formValue(request.body, "in_reply_to_id") == "99")
        }
    }

    @Test func limitsFallBackToMastodonDefaults() async throws {
        try await RoutedServer.with { server in
            // An instance that does not publish its limits (older Mastodon forks).
            server.set("/api/v2/instance", .json(#"{"domain":"social.example","configuration":{}}"#))
            let limits = try await SinkHarness.mastodonSink(server.baseURL).limits(group: "news")
            #expect(limits == PostLimits(maxCharacters: 500, charactersPerURL: 23))
        }
    }
}
