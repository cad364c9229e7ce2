import Foundation

/// One route, resolved for the engine: its filters compiled, its groups mapped to sinks.
public struct RoutePlan: Sendable {
    /// A (sink, group) pair the route delivers into.
    public struct Target: Sendable, Hashable {
        public var sinkId: String
        public var groupId: String
        public init(sinkId: String, groupId: String) {
            self.sinkId = sinkId
            self.groupId = groupId
        }
    }

    public var id: String
    public var targets: [Target]
    public var updates: UpdatePolicy
    public var filters: [CompiledFilter]

    public init(id: String, targets: [Target], updates: UpdatePolicy, filters: [CompiledFilter]) {
        self.id = id
        self.targets = targets
        self.updates = updates
        self.filters = filters
    }

    /// Every route of a configuration, resolved.
    public static func plans(for config: CrierConfig) throws -> [RoutePlan] {
        try config.routes.values.sorted { $0.id < $1.id }.map { route in
            RoutePlan(
                id: route.id,
                targets: route.groups.compactMap { groupId in
                    config.groups[groupId].map { Target(sinkId: $0.sink, groupId: groupId) }
                },
                updates: route.updates ?? .edit,
                filters: try route.filters.map(CompiledFilter.init))
        }
    }

    /// This plan as it applies to items of one connector: a route that sets no `updates` policy
    /// takes the connector's default.
    public func applying(defaultsOf connector: any Connector, route: RouteConfig?) -> RoutePlan {
        var plan = self
        plan.updates = route?.updates ?? connector.defaultUpdatePolicy
        return plan
    }

    /// `nil` when every filter matches, else a sentence saying which one did not.
    public func rejection(of item: Item) -> String? {
        for filter in filters where !filter.matches(item) {
            return "route \(id): filter \(filter.summary) did not match"
        }
        return nil
    }
}

/// A route filter ready to run: regexes are compiled once, at start-up.
public struct CompiledFilter: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented thread-safe.
    let filter: RouteFilter
    let regex: NSRegularExpression?

    public init(_ filter: RouteFilter) throws {
        self.filter = filter
        if case .regex(let pattern) = filter.match {
            regex = try NSRegularExpression(pattern: pattern)
        } else {
            regex = nil
        }
    }

    /// Human-readable form for previews, e.g. `title contains "outage"`.
    public var summary: String {
        let prefix = filter.negate ? "not " : ""
        switch filter.match {
        case .equals(let v): return "\(prefix)\(filter.field) equals \"\(v)\""
        case .contains(let v): return "\(prefix)\(filter.field) contains \"\(v)\""
        case .regex(let v): return "\(prefix)\(filter.field) matches /\(v)/"
        case .anyCategory(let v): return "\(prefix)categories include one of \(v)"
        }
    }

    public func matches(_ item: Item) -> Bool {
        let result: Bool
        switch filter.match {
        case .equals(let value):
            result = field(of: item) == value
        case .contains(let value):
            result = field(of: item).localizedCaseInsensitiveContains(value)
        case .regex:
            let text = field(of: item)
            result = regex!.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case .anyCategory(let wanted):
            let have = Set(item.categories.map { $0.lowercased() })
            result = wanted.contains { have.contains($0.lowercased()) }
        }
        return result != filter.negate
    }

    private func field(of item: Item) -> String {
        switch filter.field {
        case "title": item.title
        case "summary": item.summary
        case "link": item.link ?? ""
        case "author": item.author ?? ""
        case "categories": item.categories.joined(separator: ", ")
        default: item.fields[filter.field] ?? ""
        }
    }
}

/// How a route bundles bursts into digests.
public struct DigestPolicy: Sendable, Equatable {
    public var window: Duration
    public var minimum: Int
    public var mentions: MentionPolicy
    public init(window: Duration, minimum: Int, mentions: MentionPolicy) {
        self.window = window
        self.minimum = minimum
        self.mentions = mentions
    }
}
