import Hummingbird

/// The TCP peer of the request being handled, which `BasicRequestContext` does not carry.
///
/// ``PeerAddressResponder`` sets it around every request, so any handler can read
/// `PeerAddress.current` (nil outside a request, or for a Unix socket).
enum PeerAddress {
    /// The textual IP address of the connection's peer.
    @TaskLocal static var current: String?
}

/// The request context of ``PeerAddressResponder``: the router's `BasicRequestContext` and the
/// peer address, both read from the channel.
struct PeerRequestContext: InitializableFromSource {
    let basic: BasicRequestContext
    let peer: String?

    init(source: ApplicationRequestContextSource) {
        basic = BasicRequestContext(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }
}

/// Wraps the router's responder to record each request's peer address in ``PeerAddress/current``
/// (used to honour proxy headers only from trusted proxies).
struct PeerAddressResponder<Wrapped: HTTPResponder>: HTTPResponder where Wrapped.Context == BasicRequestContext {
    let wrapped: Wrapped

    init(_ wrapped: Wrapped) {
        self.wrapped = wrapped
    }

    func respond(to request: Request, context: PeerRequestContext) async throws -> Response {
        try await PeerAddress.$current.withValue(context.peer) {
            try await wrapped.respond(to: request, context: context.basic)
        }
    }
}
