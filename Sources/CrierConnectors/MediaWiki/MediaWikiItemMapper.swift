import CrierCore
import Foundation

/// Turns one recent change into an item.
///
/// The key is the change's rcid; every change of a page threads under `page:<title>`, so later
/// edits answer the page's first post. The link is the diff (an edit), the first revision (a new
/// page) or the log entry. `echoKeys` name the revision, so a talk-page reply Crier wrote is
/// recognized if it ever comes back.
enum MediaWikiItemMapper {
    static func item(_ change: RecentChange, indexURL: String) -> Item {
        let user = change.user ?? "(username removed)"
        let comment = plainComment(change.comment ?? "")
        var fields: [String: String] = [
            "user": user, "comment": comment, "namespace": String(change.namespace), "type": change.type, "page": change.title,
        ]
        if let revid = change.revisionId, revid > 0 { fields["revid"] = String(revid) }
        if change.type == "log" {
            fields["logtype"] = change.logType ?? ""
            fields["logaction"] = change.logAction ?? ""
        } else if let delta = sizeDelta(change) {
            fields["size_delta"] = delta
        }
        let revid = change.revisionId ?? 0
        return Item(
            key: "rc:\(change.rcid)",
            threadKey: "page:\(change.title)",
            fingerprint: ContentHash.hex("\(change.rcid)\u{1F}\(revid)\u{1F}\(change.comment ?? "")"),
            title: "\(change.title) \(verb(change)) by \(user)",
            summary: comment,
            link: link(change, indexURL: indexURL),
            author: change.user,
            published: change.date,
            fields: fields,
            echoKeys: revid > 0 ? ["rev:\(revid)"] : [])
    }

    /// `+120`, `-3`, `0`; `nil` without sizes.
    static func sizeDelta(_ change: RecentChange) -> String? {
        guard let new = change.newLength else { return nil }
        let delta = new - (change.oldLength ?? 0)
        return delta > 0 ? "+\(delta)" : String(delta)
    }

    /// What happened, in the words of the title: `edited`, `created`, `moved to X`, `deleted`, …
    static func verb(_ change: RecentChange) -> String {
        switch change.type {
        case "new": return "created"
        case "edit": return "edited"
        default: break
        }
        switch (change.logType ?? "", change.logAction ?? "") {
        case ("move", _): return change.moveTarget.map { "moved to \($0)" } ?? "moved"
        case ("delete", "restore"): return "restored"
        case ("delete", _): return "deleted"
        case ("protect", "unprotect"): return "unprotected"
        case ("protect", "modify"): return "had its protection changed"
        case ("protect", _): return "protected"
        case ("upload", "overwrite"): return "uploaded again"
        case ("upload", _): return "uploaded"
        case ("block", "unblock"): return "unblocked"
        case ("block", _): return "blocked"
        case ("newusers", _): return "account created"
        case let (type, action): return "logged (\(type)/\(action))"
        }
    }

    /// The diff of an edit, the first revision of a new page, the entry of a log action.
    static func link(_ change: RecentChange, indexURL: String) -> String {
        let revid = change.revisionId ?? 0
        switch change.type {
        case "edit" where revid > 0:
            return "\(indexURL)?diff=\(revid)&oldid=\(change.oldRevisionId ?? 0)"
        case "new" where revid > 0:
            return "\(indexURL)?oldid=\(revid)"
        case "log" where change.logId != nil:
            return "\(indexURL)?title=Special:Log&logid=\(change.logId!)"
        default:
            return "\(indexURL)?title=\(FormEncoding.escape(change.title.replacingOccurrences(of: " ", with: "_")))"
        }
    }

    /// The summary as the wiki shows it: `/* Section */ fixed` becomes `→Section: fixed`.
    static func plainComment(_ comment: String) -> String {
        guard let open = comment.range(of: "/*"), let close = comment.range(of: "*/", range: open.upperBound..<comment.endIndex) else {
            return comment
        }
        let section = comment[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let before = comment[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        let after = comment[close.upperBound...].trimmingCharacters(in: .whitespaces)
        let arrow = "→" + section + (after.isEmpty ? "" : ": " + after)
        return before.isEmpty ? arrow : before + " " + arrow
    }
}
