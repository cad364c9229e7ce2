/// `[sources.x]` and `[sinks.x]`: common keys here, the rest checked by the connector or sink.
extension ConfigSectionDecoder {
    /// The shortest interval any source may be polled at. Tests and local files poll every second;
    /// for remote hosts the annotated config recommends minutes.
    static let minimumPollInterval: Duration = .seconds(1)

    func decodeSources(_ table: TableReader?) -> [String: SourceConfig] {
        guard let table else { return [:] }
        var sources: [String: SourceConfig] = [:]
        for (name, source) in table.namedTables() {
            checkName(name, at: source.path)
            let type = source.string("type", required: true)
            var config = SourceConfig(id: name, type: type ?? "", line: diagnostics.lineIndex.line(for: source.path))
            if let interval = source.duration("interval", atLeast: Self.minimumPollInterval) { config.interval = interval }
            let minimum = source.duration("min_interval", atLeast: Self.minimumPollInterval)
            let maximum = source.duration("max_interval", atLeast: Self.minimumPollInterval)
            if let minimum { config.minInterval = minimum }
            if let maximum { config.maxInterval = maximum }
            // Only min ≤ max is required: `interval` is a preference that server hints may move within the bounds.
            if config.minInterval > config.maxInterval && (minimum != nil || maximum != nil) {
                source.report(
                    maximum != nil ? "max_interval" : "min_interval",
                    "min_interval (\(DurationParser.format(config.minInterval))) must not be longer than max_interval (\(DurationParser.format(config.maxInterval)))")
            }
            if let backfill = source.integer("backfill", in: 0...1000) { config.backfill = backfill }
            config.options = source.takeRemaining()
            resolveSecrets(in: &config.options, table: source)
            if let type {
                if catalog.sourceTypes.contains(type) {
                    report(catalog.validateSource(type: type, options: config.options), in: source)
                } else {
                    source.report("type", unknownTypeMessage("source", type, known: catalog.sourceTypes))
                }
            }
            source.finish()
            // Kept even when invalid, so that routes naming it get no second, misleading problem.
            sources[name] = config
        }
        return sources
    }

    func decodeSinks(_ table: TableReader?) -> [String: SinkConfig] {
        guard let table else { return [:] }
        var sinks: [String: SinkConfig] = [:]
        for (name, sink) in table.namedTables() {
            checkName(name, at: sink.path)
            let type = sink.string("type", required: true)
            var config = SinkConfig(id: name, type: type ?? "", line: diagnostics.lineIndex.line(for: sink.path))
            config.options = sink.takeRemaining()
            resolveSecrets(in: &config.options, table: sink)
            if let type {
                if catalog.sinkTypes.contains(type) {
                    report(catalog.validateSink(type: type, options: config.options), in: sink)
                } else {
                    sink.report("type", unknownTypeMessage("sink", type, known: catalog.sinkTypes))
                }
            }
            sink.finish()
            sinks[name] = config
        }
        return sinks
    }

    private func unknownTypeMessage(_ kind: String, _ type: String, known: [String]) -> String {
        let list = known.isEmpty ? "none" : known.sorted().joined(separator: ", ")
        return Suggestion.append(to: "unknown \(kind) type '\(type)' (known: \(list))", for: type, in: known)
    }
}
