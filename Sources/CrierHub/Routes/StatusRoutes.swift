import Foundation
import Hummingbird

/// `/api/v1/statuses`: post, edit, delete, read, thread, history.
extension HubRoutes {
    func addStatusRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/statuses") { request, _ in try await postStatus(request) }
        router.put("/api/v1/statuses/:id") { request, context in try await editStatus(request, context) }
        router.delete("/api/v1/statuses/:id") { request, context in try await deleteStatus(request, context) }
        router.get("/api/v1/statuses/:id") { request, context in try await getStatus(request, context) }
        router.get("/api/v1/statuses/:id/context") { request, context in try await getContext(request, context) }
        router.get("/api/v1/statuses/:id/history") { request, context in try await getHistory(request, context) }
    }

    /// `POST /api/v1/statuses`, honouring `Idempotency-Key` forever.
    private func postStatus(_ request: Request) async throws -> Response {
        let account = try await authenticate(request, scope: "write:statuses")
        let parameters = try await RequestParameters.bodyAndQuery(of: request)
        let text = try validatedText(parameters["status"])
        var visibility = Visibility.public
        if let value = parameters["visibility"], !value.isEmpty {
            guard let parsed = Visibility(rawValue: value) else {
                throw APIError.validation("Visibility is not included in the list")
            }
            visibility = parsed
        }
        var inReplyToId: Int64?
        if let value = parameters["in_reply_to_id"], !value.isEmpty {
            guard let id = Int64(value) else { throw APIError.notFound }
            inReplyToId = id
        }
        let key = request.headers[.idempotencyKey].map { $0.trimmingCharacters(in: .whitespaces) }
        let new = NewStatus(
            accountId: account.rowID, text: text, inReplyToId: inReplyToId, visibility: visibility,
            idempotencyKey: key?.isEmpty == false ? key : nil
        )
        let result = try await store.createStatusBatched(new)
        var author = result.author
        if author == nil { author = try await store.accountRecord(id: result.status.accountId) }
        guard let author else { throw APIError.notFound }
        return try Responses.json(renderer.status(result.status, author: author))
    }

    /// `PUT /api/v1/statuses/:id`: the author replaces the text; the old one goes to the history.
    private func editStatus(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let account = try await authenticate(request, scope: "write:statuses")
        let statusId = try id("id", in: context)
        let parameters = try await RequestParameters.bodyAndQuery(of: request)
        let text = try validatedText(parameters["status"])
        let status = try await store.editStatus(id: statusId, by: account.rowID, text: text)
        return try Responses.json(renderer.status(status, author: account))
    }

    /// `DELETE /api/v1/statuses/:id`: the author deletes it; the answer is the deleted status, with
    /// its `text` so that a client can offer "delete and redraft".
    private func deleteStatus(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let account = try await authenticate(request, scope: "write:statuses")
        let (status, author) = try await store.deleteStatus(id: id("id", in: context), by: account.rowID)
        return try Responses.json(renderer.status(status, author: author))
    }

    /// `GET /api/v1/statuses/:id`.
    private func getStatus(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (status, author) = try await readableStatus(request, context)
        return try Responses.json(renderer.status(status, author: author))
    }

    /// `GET /api/v1/statuses/:id/context`: ancestors oldest first, descendants depth-first.
    private func getContext(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let viewer = try await viewer(request)
        let (status, _) = try await readableStatus(request, context)
        let thread = try await store.context(ofStatus: status, viewerId: viewer?.rowID)
        let authors = try await store.authors(of: thread.ancestors + thread.descendants)
        let renderer = self.renderer
        let entities = { (statuses: [StatusRecord]) in
            statuses.compactMap { s in authors[s.accountId].map { renderer.status(s, author: $0) } }
        }
        return try Responses.json(ContextEntity(ancestors: entities(thread.ancestors), descendants: entities(thread.descendants)))
    }

    /// `GET /api/v1/statuses/:id/history`: every version, oldest first, the current one last.
    private func getHistory(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (status, author) = try await readableStatus(request, context)
        let accountEntity = renderer.account(author)
        let previous = try await store.edits(ofStatus: status.rowID).map { ($0.text, $0.createdAt) }
        let versions = previous + [(status.text, status.editedAt ?? status.createdAt)]
        return try Responses.json(versions.map { text, date in
            StatusEditEntity(
                content: StatusText.html(text).markup, spoilerText: "", sensitive: false,
                createdAt: date.iso8601, account: accountEntity, mediaAttachments: [], emojis: []
            )
        })
    }

    /// The status in route parameter `id` with its author, if the requester may read it.
    private func readableStatus(
        _ request: Request, _ context: BasicRequestContext
    ) async throws -> (StatusRecord, AccountRecord) {
        let viewer = try await viewer(request)
        guard let status = try await store.status(id: id("id", in: context), viewerId: viewer?.rowID),
            let author = try await store.accountRecord(id: status.accountId)
        else { throw APIError.notFound }
        return (status, author)
    }

    /// The `status` parameter, checked for blankness and for the character limit (URLs count 23).
    func validatedText(_ text: String?) throws -> String {
        guard let text, !StatusText.isBlank(text) else { throw APIError.validation("Text can't be blank") }
        guard StatusText.length(of: text) <= configuration.maxCharacters else {
            throw APIError.validation("Text character limit of \(configuration.maxCharacters) exceeded")
        }
        return text
    }
}

/// Mastodon's StatusEdit entity: one version of a status.
struct StatusEditEntity: Encodable, Sendable {
    var content: String
    var spoilerText: String
    var sensitive: Bool
    var createdAt: String
    var account: AccountEntity
    var mediaAttachments: [Nothing]
    var emojis: [Nothing]
}
