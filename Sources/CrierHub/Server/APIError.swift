import Foundation
import Hummingbird

/// An error the API answers with: an HTTP status and a JSON body `{"error": "…"}`, worded like
/// Mastodon's.
struct APIError: HTTPResponseError, Equatable {
    var status: HTTPResponse.Status
    var message: String

    /// 401: a missing or unknown bearer token.
    static let invalidToken = APIError(status: .unauthorized, message: "The access token is invalid")
    /// 404: an unknown status, account or route.
    static let notFound = APIError(status: .notFound, message: "Record not found")
    /// 403: for example editing someone else's status.
    static let forbidden = APIError(status: .forbidden, message: "This action is not allowed")
    /// 500: anything unexpected (logged, not shown).
    static let internalError = APIError(status: .internalServerError, message: "Internal server error")

    /// 422 with Mastodon's `Validation failed: …` prefix.
    static func validation(_ detail: String) -> APIError {
        APIError(status: .unprocessableContent, message: "Validation failed: \(detail)")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try Responses.json(ErrorEntity(error: message), status: status)
    }
}

/// Renders every error as a JSON `{"error": …}` body: the hub's own ``APIError``s as they are,
/// Hummingbird's (such as 404 for an unknown route or 413 for a large body) with their reason,
/// store refusals with their HTTP meaning, and anything else as a logged 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(
                status: error.status,
                message: error.status == .notFound ? APIError.notFound.message : error.body ?? error.status.reasonPhrase
            )
        } catch let error as StatusWriteError {
            switch error {
            case .statusNotFound: throw APIError.notFound
            case .notAuthor: throw APIError.forbidden
            }
        } catch let error as any HTTPResponseError {
            throw APIError(status: error.status, message: error.status.reasonPhrase)
        } catch {
            context.logger.error("Request failed", metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
            throw APIError.internalError
        }
    }
}
