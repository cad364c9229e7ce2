import CrierCore
import Logging

/// Reads the wiki's change log (`list=recentchanges`) from a cursor, oldest first.
///
/// - The first poll (no cursor) reads only the newest `firstPollSize` changes, newest first, and
///   reverses them: the engine records them as a baseline, and a wiki with years of history does
///   not flood anything.
/// - Later polls read `rcdir=newer` from `timestamp − overlap` (or from where the last poll stopped),
///   following `continue` verbatim for at most `maxPages` pages; the rest waits for the next poll.
/// - Changes already returned (by rcid) are dropped.
struct RecentChangesReader: Sendable {
    /// Page sizes and the page bound of one poll; tests shrink them.
    struct Limits: Sendable {
        var firstPollSize = 50
        var pageSize = 500
        var maxPages = 20
    }

    /// What one poll read.
    struct Outcome: Sendable {
        /// The changes not returned before, oldest first.
        var changes: [RecentChange]
        /// The cursor to store; `nil` only when the wiki has no changes and gave no clock.
        var cursor: MediaWikiCursor?
    }

    let options: MediaWikiOptions
    let session: MediaWikiSession
    let limits: Limits

    func read(after cursor: MediaWikiCursor?, logger: Logger) async throws -> Outcome {
        guard let cursor else { return try await readNewest() }
        var parameters = filterParameters + [("rcdir", "newer"), ("rclimit", String(limits.pageSize))]
        if let resume = cursor.resume {
            parameters += resume.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        } else {
            parameters.append(("rcstart", cursor.readingStart(overlap: options.overlap)))
        }
        let pages: (changes: [RecentChange], resume: [String: String]?)
        do {
            pages = try await readPages(parameters)
        } catch let error as MediaWikiAPIError where error.code == "badcontinue" && cursor.resume != nil {
            // A continuation the wiki no longer accepts (it was upgraded, the options changed):
            // read the overlap window again instead; `seen` keeps that from repeating anything.
            logger.notice("wiki refused the stored continuation; reading from the cursor time", metadata: ["mediawiki.error": "\(error)"])
            var restart = cursor
            restart.resume = nil
            return try await read(after: restart, logger: logger)
        }
        var returned = Set<Int>()
        let fresh = pages.changes.filter { !cursor.hasSeen($0) && returned.insert($0.rcid).inserted }
        let next = MediaWikiCursor.after(cursor, changes: fresh, overlap: options.overlap, resume: pages.resume, serverTime: nil)
        return Outcome(changes: fresh, cursor: next)
    }

    private func readNewest() async throws -> Outcome {
        let parameters = filterParameters + [("rcdir", "older"), ("rclimit", String(limits.firstPollSize)), ("curtimestamp", "1")]
        let answer = try await session.read(RecentChangesAnswer.self, parameters, doing: "reading recent changes")
        let changes = Array((answer.query?.recentchanges ?? []).reversed())
        let cursor = MediaWikiCursor.after(
            nil, changes: changes, overlap: options.overlap, resume: nil, serverTime: answer.curtimestamp,
            isPartial: changes.count >= limits.firstPollSize)
        return Outcome(changes: changes, cursor: cursor)
    }

    /// Follows `continue` for at most `maxPages` pages; returns the continuation left over.
    private func readPages(_ parameters: [(String, String)]) async throws -> (changes: [RecentChange], resume: [String: String]?) {
        var changes: [RecentChange] = []
        var continuation: [String: String]? = nil
        for _ in 0..<limits.maxPages {
            var request = parameters
            if let continuation {
                let keys = Set(continuation.keys)
                request = request.filter { !keys.contains($0.0) } + continuation.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            let answer = try await session.read(RecentChangesAnswer.self, request, doing: "reading recent changes")
            changes += answer.query?.recentchanges ?? []
            guard let next = answer.continue else { return (changes, nil) }
            continuation = next
        }
        return (changes, continuation)
    }

    /// `rctype`, `rcnamespace`, `rcshow`, `rcexcludeuser` and the properties every item needs.
    private var filterParameters: [(String, String)] {
        var parameters: [(String, String)] = [
            ("action", "query"), ("list", "recentchanges"),
            ("rcprop", "title|ids|timestamp|user|comment|flags|sizes|loginfo"),
            ("rctype", options.types.joined(separator: "|")),
        ]
        if let namespaces = options.namespaces { parameters.append(("rcnamespace", namespaces.map(String.init).joined(separator: "|"))) }
        let show = (options.hideBots ? ["!bot"] : []) + (options.hideMinor ? ["!minor"] : [])
        if !show.isEmpty { parameters.append(("rcshow", show.joined(separator: "|"))) }
        // Crier's own talk-page replies are never news.
        if let credentials = options.credentials { parameters.append(("rcexcludeuser", credentials.accountName)) }
        return parameters
    }
}
