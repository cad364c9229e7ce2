import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, as its bytes; IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are read as
/// IPv4.
struct IPAddress: Sendable, Hashable {
    /// 4 or 16 bytes, network order.
    var bytes: [UInt8]

    /// Parses a textual address (an IPv6 one may carry a `%zone`, which is ignored).
    init?(_ text: some StringProtocol) {
        let text = String(text.split(separator: "%", maxSplits: 1).first ?? "")
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        bytes = all[0..<10].allSatisfy { $0 == 0 } && all[10] == 0xFF && all[11] == 0xFF ? Array(all[12...]) : all
    }
}

/// The reverse proxies allowed to vouch for a request: single addresses and CIDR ranges, IPv4 or
/// IPv6 (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`).
///
/// ```swift
/// let trust = try ProxyTrust(["127.0.0.1", "10.0.0.0/8"])
/// trust.contains("10.1.2.3")   // true
/// ```
public struct ProxyTrust: Sendable {
    private var ranges: [(network: [UInt8], prefix: Int)] = []

    /// An entry of the list that is not an address or a CIDR range.
    public struct InvalidEntry: Error, Equatable, Sendable {
        /// The entry as written.
        public var entry: String
    }

    /// Parses the list.
    ///
    /// - Throws: ``InvalidEntry`` for the first entry that is neither an address nor a CIDR range.
    public init(_ entries: [String]) throws {
        for entry in entries {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
            guard let first = parts.first, let address = IPAddress(first) else { throw InvalidEntry(entry: entry) }
            let bits = address.bytes.count * 8
            var prefix = bits
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...bits).contains(value) else { throw InvalidEntry(entry: entry) }
                // A mapped IPv4 range written in IPv6 loses the 96-bit prefix with the mapping.
                prefix = first.contains(":") && bits == 32 ? max(value - 96, 0) : value
            }
            ranges.append((address.bytes, prefix))
        }
    }

    /// Whether the list is empty.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `address` (textual) is in one of the ranges.
    public func contains(_ address: String?) -> Bool {
        guard let address, let parsed = IPAddress(address) else { return false }
        return ranges.contains { range in
            guard range.network.count == parsed.bytes.count else { return false }
            var remaining = range.prefix
            for (a, b) in zip(range.network, parsed.bytes) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }
    }
}
