/// Checks that names used across sections exist: a group's sink, a route's sources and groups.
///
/// Runs after every section is decoded, so each table is checked against all of the others
/// regardless of the order they appear in the file.
extension ConfigSectionDecoder {
    func checkReferences(_ config: CrierConfig) {
        for (name, group) in config.groups.sorted(by: { $0.key < $1.key }) where !group.sink.isEmpty {
            if config.sinks[group.sink] == nil {
                let path = ConfigKeyPath(keys: ["groups", name, "sink"])
                diagnostics.report(path, missingMessage("sink", group.sink, known: config.sinks.keys))
            }
        }
        for (name, route) in config.routes.sorted(by: { $0.key < $1.key }) {
            check(route.sources, of: name, key: "sources", noun: "source", known: config.sources.keys)
            check(route.groups, of: name, key: "groups", noun: "group", known: config.groups.keys)
        }
    }

    private func check(_ names: [String], of route: String, key: String, noun: String, known: Dictionary<String, some Any>.Keys) {
        let path = ConfigKeyPath(keys: ["routes", route, key])
        for (index, name) in names.enumerated() where known.contains(name) == false {
            diagnostics.report(path, missingMessage(noun, name, known: known), linePath: path.appending(index: index))
        }
    }

    private func missingMessage(_ noun: String, _ name: String, known: some Collection<String>) -> String {
        Suggestion.append(to: "no \(noun) named '\(name)'", for: name, in: known)
    }
}
