#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ServiceLifecycle

/// Tells systemd (`Type=notify`) that the daemon is ready, keeps its watchdog fed, and says when it
/// is stopping. A datagram to `$NOTIFY_SOCKET` is the whole protocol, so no libsystemd is needed;
/// without that variable (not under systemd) every message is a no-op.
struct SystemdNotifier: Service {
    let socketPath: String?
    let watchdogInterval: Duration?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"]
        // systemd expects a ping at least every WATCHDOG_USEC; half of it leaves room for a slow tick.
        watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Int.init).map { .microseconds($0 / 2) }
    }

    func run() async throws {
        send("READY=1\nSTATUS=polling sources")
        if let watchdogInterval {
            try? await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: watchdogInterval)
                    send("WATCHDOG=1")
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        send("STOPPING=1")
    }

    func send(_ message: String) {
        guard let socketPath, !socketPath.isEmpty else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        // A leading '@' names a socket in the abstract namespace, spelled with a NUL byte.
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        _ = message.withCString { text in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, text, strlen(text), 0, $0, length)
                }
            }
        }
    }
}
