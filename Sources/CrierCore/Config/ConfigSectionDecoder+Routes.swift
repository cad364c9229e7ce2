internal import Foundation
internal import Mustache

/// `[routes.x]` and their `[[routes.x.filter]]` conditions.
extension ConfigSectionDecoder {
    func decodeRoutes(_ table: TableReader?) -> [String: RouteConfig] {
        guard let table else { return [:] }
        var routes: [String: RouteConfig] = [:]
        for (name, route) in table.namedTables() {
            checkName(name, at: route.path)
            let sources = nonEmptyUniqueList(route, "sources", noun: "source")
            let groups = nonEmptyUniqueList(route, "groups", noun: "group")
            var config = RouteConfig(id: name, sources: sources, groups: groups)
            config.template = decodeTemplate(route)
            if let updates = route.oneOf("updates", UpdatePolicy.self) { config.updates = updates }
            if let mentions = route.oneOf("mentions", MentionPolicy.self) { config.mentions = mentions }
            if let window = route.duration("digest", atLeast: .seconds(1)) { config.digest = window }
            if let minimum = route.integer("digest_min", in: 2...1000) { config.digestMinimum = minimum }
            config.filters = (route.arrayOfTables("filter") ?? []).compactMap(decodeFilter)
            route.finish()
            routes[name] = config
        }
        return routes
    }

    /// A required list of names. Kept in order and complete (indices match the file) so that
    /// reference checks can point at the element's own line.
    private func nonEmptyUniqueList(_ route: TableReader, _ key: String, noun: String) -> [String] {
        guard let entries = route.stringArray(key, required: true) else { return [] }
        if entries.isEmpty { route.report(key, "must list at least one \(noun)") }
        var seen: Set<String> = []
        for entry in entries where !seen.insert(entry.value).inserted {
            diagnostics.report(route.path(key), "lists '\(entry.value)' twice", linePath: entry.path)
        }
        return entries.map(\.value)
    }

    /// `template` or `template_file` (read now, so that a missing file fails the check, not the
    /// first post); either is parsed as Mustache so that a syntax error is a config problem.
    private func decodeTemplate(_ route: TableReader) -> String? {
        let inline = route.string("template")
        let file = route.string("template_file")
        if inline != nil && file != nil {
            route.report("template_file", "set either template or template_file, not both")
            return nil
        }
        var text = inline
        var key = "template"
        if let file {
            key = "template_file"
            let path = resolve(file)
            guard let data = FileManager.default.contents(atPath: path), let content = String(data: data, encoding: .utf8) else {
                route.report(key, "cannot read template file '\(path)'")
                return nil
            }
            text = content
        }
        guard let text else { return nil }
        do {
            _ = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let position = "template line \(error.context.lineNumber), column \(error.context.columnNumber)"
            route.report(key, "invalid Mustache template: \(error.error) (\(position))")
            return nil
        } catch {
            route.report(key, "invalid Mustache template: \(error)")
            return nil
        }
        return text
    }

    private static let matchKeys = ["equals", "contains", "regex", "categories"]

    /// One `[[routes.x.filter]]`: a field and exactly one way to match it.
    private func decodeFilter(_ filter: TableReader) -> RouteFilter? {
        let present = Self.matchKeys.filter(filter.contains)
        let field = filter.string("field")
        let negate = filter.bool("not") ?? false
        var matches: [RouteFilter.Match] = []
        if let text = filter.string("equals", allowEmpty: true) { matches.append(.equals(text)) }
        if let text = filter.string("contains") { matches.append(.contains(text)) }
        if let pattern = filter.string("regex") {
            // ICU syntax, compiled here exactly as the router will compile it.
            if (try? NSRegularExpression(pattern: pattern)) != nil {
                matches.append(.regex(pattern))
            } else {
                filter.report("regex", "invalid regular expression '\(pattern)'")
            }
        }
        if let categories = filter.stringArray("categories") {
            if categories.isEmpty {
                filter.report("categories", "must list at least one category")
            } else {
                matches.append(.anyCategory(categories.map(\.value)))
            }
        }
        if present.isEmpty {
            filter.reportTable("missing a condition: set one of equals, contains, regex or categories")
        } else if present.count > 1 {
            filter.reportTable("set only one of equals, contains, regex or categories, found \(present.joined(separator: " and "))")
        }
        if !filter.contains("field") && !present.contains("categories") {
            filter.reportTable("missing required key 'field'")
        }
        filter.finish()
        // `categories` compares against the item's categories unless another field is named.
        guard matches.count == 1, present.count == 1,
              let field = filter.contains("field") ? field : "categories" else { return nil }
        return RouteFilter(field: field, match: matches[0], negate: negate)
    }
}
