import Foundation
import HTTPTypes
import Hummingbird

/// Builders for the hub's response kinds.
enum Responses {
    /// The Content-Security-Policy of every HTML page: nothing external, inline CSS, and only the
    /// web UI's one script, allowed by its hash (see ``LiveScript``).
    static let contentSecurityPolicy = LiveScript.contentSecurityPolicy

    /// A JSON entity, encoded with Mastodon's conventions (``APIFormat``).
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try APIFormat.encode(value)))
        )
    }

    /// A server-rendered page, with the strict CSP.
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.markup)))
    }

    /// Plain text.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`, sent by Mastodon clients when posting.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `Link`, for pagination.
    static let link = HTTPField.Name("Link")!
}
