import GRDB

/// Mastodon's id-based pagination: `max_id`, `since_id`, `min_id` and `limit`.
///
/// Results are always newest first. `max_id` and `since_id` bound the page; `min_id` returns the
/// items *immediately* newer than it (a forward cursor), still newest first, whereas `since_id`
/// returns the newest items above it.
struct PageRequest: Sendable, Equatable {
    var limit: Int
    var maxId: Int64?
    var sinceId: Int64?
    var minId: Int64?

    init(limit: Int, maxId: Int64? = nil, sinceId: Int64? = nil, minId: Int64? = nil) {
        self.limit = limit
        self.maxId = maxId
        self.sinceId = sinceId
        self.minId = minId
    }

    /// Fetches one page of `request`, whose rows are identified by `idColumn`.
    func fetch<Record: FetchableRecord & TableRecord>(
        _ request: QueryInterfaceRequest<Record>, idColumn: Column, _ db: Database
    ) throws -> [Record] {
        var request = request
        if let maxId { request = request.filter(idColumn < maxId) }
        if let sinceId { request = request.filter(idColumn > sinceId) }
        if let minId {
            let page = try request.filter(idColumn > minId).order(idColumn.asc).limit(limit).fetchAll(db)
            return page.reversed()
        }
        return try request.order(idColumn.desc).limit(limit).fetchAll(db)
    }
}
