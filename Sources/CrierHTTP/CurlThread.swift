internal import Glibc

/// Starts a detached OS thread. The curl loop blocks in `curl_multi_poll`, so it needs a thread
/// of its own rather than a slot in Swift's cooperative pool, which must never block.
enum CurlThread {
    /// Runs `body` on a new detached thread.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body: body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            fatalError("CrierHTTP: could not start the curl thread (pthread_create: \(status))")
        }
        pthread_detach(thread)
    }

    /// Carries the closure across the C boundary, which takes one untyped pointer.
    private final class Box {
        let body: @Sendable () -> Void
        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }
}
