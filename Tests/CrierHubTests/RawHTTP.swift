import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 connection over a TCP socket, for what the libcurl client cannot show: a
/// redirect's own response, and Server-Sent Event streams that never end. Blocking socket calls
/// run on a GCD thread, never on the Swift concurrency pool; every read is bounded by a timeout.
final class RawHTTP: @unchecked Sendable {
    // @unchecked: `received` is touched only from the serial `queue`.
    private let fd: Int32
    private let queue = DispatchQueue(label: "RawHTTP")
    private var received: [UInt8] = []

    /// Connects to `127.0.0.1:port`.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.socket }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw RawHTTPError.connect
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Connects to the port of a base URL such as `http://127.0.0.1:8470`.
    convenience init(baseURL: String) throws {
        guard let port = URLComponents(string: baseURL)?.port else { throw RawHTTPError.connect }
        try self.init(port: port)
    }

    /// Sends a request (`Connection: close` unless streaming).
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "") {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + body
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until everything received so far satisfies `done`, or `timeout` passes; returns what
    /// was received (as text, chunk framing included).
    func read(timeout: Duration = .seconds(5), until done: @escaping @Sendable (String) -> Bool) async -> String {
        await withCheckedContinuation { continuation in
            queue.async {
                let deadline = ContinuousClock.now + timeout
                var buffer = [UInt8](repeating: 0, count: 65536)
                while !done(self.text), ContinuousClock.now < deadline {
                    let count = recv(self.fd, &buffer, buffer.count, 0)
                    if count > 0 { self.received += buffer[0..<count] } else if count == 0 { break }
                }
                continuation.resume(returning: self.text)
            }
        }
    }

    private var text: String { String(decoding: received, as: UTF8.self) }

    /// Closes the connection.
    func shutdownConnection() {
        shutdown(fd, Int32(SHUT_RDWR))
    }
}

enum RawHTTPError: Error {
    case socket, connect
}
