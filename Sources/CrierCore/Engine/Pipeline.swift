public import Foundation
public import Logging

/// The engine's services for one configuration: the poll scheduler and the delivery workers.
public struct Pipeline: Sendable {
    public var sources: [SourceRuntime]
    public var scheduler: PollScheduler
    public var delivery: DeliveryService
    public var replies: ReplyService
    public var poller: SourcePoller

    /// Resolves routes, builds connectors and sinks, and wires ingest to delivery.
    public static func build(
        config: CrierConfig, factory: any ComponentFactory, context: ComponentContext, store: StateStore,
        logger: Logger, afterRelayBeforeRecord: @escaping @Sendable () -> Void = {}, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Pipeline {
        var sinks: [String: any Sink] = [:]
        for (id, sinkConfig) in config.sinks {
            let groups = config.groups.values.filter { $0.sink == id }.sorted { $0.id < $1.id }
            sinks[id] = try factory.makeSink(sinkConfig, groups: groups, context: context)
        }
        var connectors: [String: any Connector] = [:]
        for (id, source) in config.sources {
            connectors[id] = try factory.makeConnector(source, context: context)
        }
        let plans = try RoutePlan.plans(for: config)

        var workers: [DeliveryWorker] = []
        for group in config.groups.values.sorted(by: { $0.id < $1.id }) {
            guard let sink = sinks[group.sink] else { continue }
            var renderers: [String: PostRenderer] = [:]
            var digests: [String: DigestPolicy] = [:]
            for route in config.routes.values where route.groups.contains(group.id) {
                if let window = route.digest {
                    digests[route.id] = DigestPolicy(window: window, minimum: route.digestMinimum, mentions: route.mentions)
                }
                let fallbackTemplate = route.sources.first.flatMap { connectors[$0]?.defaultTemplate } ?? DefaultTemplates.item
                do {
                    renderers[route.id] = try PostRenderer(template: route.template ?? fallbackTemplate, mentions: route.mentions)
                } catch {
                    throw TemplateError(message: "routes.\(route.id).template: \(error)")
                }
            }
            workers.append(DeliveryWorker(
                sinkId: group.sink, groupId: group.id, sink: sink, store: store, renderers: renderers,
                fallback: try PostRenderer(template: DefaultTemplates.item), logger: logger, digests: digests, now: now))
        }
        let delivery = DeliveryService(workers: workers)

        let relay = RelayWorker(
            store: store, connectors: connectors, sinks: sinks, logger: logger, afterRelayBeforeRecord: afterRelayBeforeRecord, now: now)
        let watchers = config.groups.values.sorted { $0.id < $1.id }.compactMap { group -> ReplyWatcher? in
            guard let source = sinks[group.sink] as? any ReplySource else { return nil }
            return ReplyWatcher(
                sinkId: group.sink, groupId: group.id, source: source, store: store,
                interval: config.daemon.replyPollInterval, logger: logger, onRecorded: { relay.doorbell.ring() }, now: now)
        }
        let replies = ReplyService(watchers: watchers, relay: relay)

        let sources = config.sources.values.sorted { $0.id < $1.id }.map { source in
            SourceRuntime(
                config: source, connector: connectors[source.id]!,
                routes: plans.filter { plan in config.routes[plan.id]!.sources.contains(source.id) }
                    .map { $0.applying(defaultsOf: connectors[source.id]!, route: config.routes[$0.id]) })
        }
        let poller = SourcePoller(store: store, maxBackoff: config.daemon.maxBackoff, onQueued: { delivery.ring() }, now: now)
        let scheduler = PollScheduler(
            sources: sources, poller: poller, maxConcurrent: config.daemon.maxConcurrentPolls,
            maxPerHost: config.daemon.maxPollsPerHost, logger: logger)
        return Pipeline(sources: sources, scheduler: scheduler, delivery: delivery, replies: replies, poller: poller)
    }
}
