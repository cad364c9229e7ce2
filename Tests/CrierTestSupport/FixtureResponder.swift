import Hummingbird
import HTTPTypes

/// Adapts the test's plain handler to Hummingbird: one responder for every path, no router,
/// because fixtures want to see every request exactly as sent.
struct FixtureResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let handler: @Sendable (FixtureRequest) async -> FixtureResponse

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: .max)
        let fixtureResponse = await self.handler(Self.fixtureRequest(request, body: body))
        if let delay = fixtureResponse.delay {
            // Throws when the server stops, so a stop never waits for a slow answer.
            try await Task.sleep(for: delay)
        }
        return Self.response(fixtureResponse)
    }

    static func fixtureRequest(_ request: Request, body: ByteBuffer) -> FixtureRequest {
        var headers: [String: String] = [:]
        // swift-http-types moves Host into the :authority pseudo-header; tests expect it back.
        if let authority = request.head.authority {
            headers["host"] = authority
        }
        for field in request.headers {
            let name = field.name.canonicalName  // already lowercase in swift-http-types
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            query[String(key)] = String(value)
        }
        return FixtureRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: query,
            headers: headers,
            body: Array(buffer: body)
        )
    }

    static func response(_ fixture: FixtureResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in fixture.headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            if fixture.chunked && fieldName == .contentLength { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        let status = HTTPResponse.Status(code: fixture.status)
        guard fixture.chunked else {
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: fixture.body)))
        }
        // No content length: Hummingbird then frames the body with chunked transfer encoding.
        let chunks = Self.chunks(of: fixture.body)
        let body = ResponseBody { writer in
            for chunk in chunks {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: fields, body: body)
    }

    /// At least four chunks when the body allows, at most 64 KiB each, so a test sees real streaming.
    static func chunks(of body: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !body.isEmpty else { return [] }
        let size = max(1, min(64 * 1024, (body.count + 3) / 4))
        return stride(from: 0, to: body.count, by: size).map { body[$0..<min($0 + size, body.count)] }
    }
}
