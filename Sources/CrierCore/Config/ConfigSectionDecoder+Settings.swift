internal import Foundation
internal import Logging

/// `[crier]`, `[http]` and `[hub]`: process-wide settings, every key optional.
extension ConfigSectionDecoder {
    func decodeDaemon(_ table: TableReader?) -> DaemonSettings {
        var settings = DaemonSettings()
        guard let table else { return settings }
        if let directory = table.string("state_dir") { settings.stateDirectory = resolve(directory) }
        // swift-log's levels are exactly the accepted names, so the logger can take the value as is.
        if let level = table.oneOf("log_level", Logger.Level.self) { settings.logLevel = level.rawValue }
        if let polls = table.integer("max_concurrent_polls", in: 1...10_000) { settings.maxConcurrentPolls = polls }
        if let perHost = table.integer("max_polls_per_host", in: 1...100) { settings.maxPollsPerHost = perHost }
        if let backoff = table.duration("max_backoff", atLeast: .seconds(1)) { settings.maxBackoff = backoff }
        if let interval = table.duration("reply_poll_interval", atLeast: .milliseconds(100)) { settings.replyPollInterval = interval }
        table.finish()
        return settings
    }

    func decodeHTTP(_ table: TableReader?) -> HTTPSettings {
        var settings = HTTPSettings()
        guard let table else { return settings }
        if let timeout = table.duration("timeout", atLeast: .seconds(1)) { settings.timeout = timeout }
        // The cap protects the daemon from hostile bodies (invariant 6); a gigabyte is already absurd for a feed.
        if let maxBody = table.byteSize("max_body", in: 1024...(1 << 30)) { settings.maxBodyBytes = maxBody }
        if let perHost = table.integer("max_connections_per_host", in: 1...100) { settings.maxConnectionsPerHost = perHost }
        if let redirects = table.integer("max_redirects", in: 0...20) { settings.maxRedirects = redirects }
        if let proxy = table.string("proxy") {
            if let problem = Self.proxyProblem(proxy) {
                table.report("proxy", problem)
            } else {
                settings.proxy = proxy
            }
        }
        if let bundle = table.string("ca_bundle") {
            let path = resolve(bundle)
            // Checked now rather than at the first TLS handshake, so that `crier check` catches it.
            if FileManager.default.isReadableFile(atPath: path) {
                settings.caBundle = path
            } else {
                table.report("ca_bundle", "cannot read '\(path)'")
            }
        }
        table.finish()
        return settings
    }

    func decodeHub(_ table: TableReader?) -> HubSettings {
        var settings = HubSettings()
        guard let table else { return settings }
        if let enabled = table.bool("enabled") { settings.enabled = enabled }
        if let listen = table.string("listen") {
            if let (host, port) = Self.hostAndPort(listen) {
                settings.host = host
                settings.port = port
            } else {
                table.report("listen", "expected host:port such as \"127.0.0.1:8470\" or \"[::1]:8470\", found '\(listen)'")
            }
        }
        if let title = table.string("title") { settings.title = title }
        if let limit = table.integer("max_characters", in: 50...100_000) { settings.maxCharacters = limit }
        if let header = table.string("trusted_proxy_header") { settings.trustedProxyHeader = header }
        if let proxies = table.stringArray("trusted_proxies") {
            for (proxy, path) in proxies where !Self.isAddressOrCIDR(proxy) {
                diagnostics.report(path, "expected an IP address or CIDR range such as \"10.0.0.0/8\", found '\(proxy)'")
            }
            settings.trustedProxies = proxies.map(\.value)
        }
        if settings.trustedProxyHeader != nil && settings.trustedProxies.isEmpty {
            table.report("trusted_proxy_header", "needs trusted_proxies: the header is trusted only from those addresses")
        }
        if let users = table.table("users") {
            for (name, user) in users.namedTables() {
                var config = HubUserConfig(username: name)
                if let display = user.string("display_name") { config.displayName = display }
                var options = user.takeRemaining()
                resolveSecrets(in: &options, table: user)
                if case .string(let password)? = options.removeValue(forKey: "password") { config.password = password }
                for key in options.keys.sorted() { user.report(key, "unknown key '\(key)'") }
                user.finish()
                settings.users.append(config)
            }
        }
        table.finish()
        return settings
    }

    /// An IPv4/IPv6 address, optionally with a /prefix.
    static func isAddressOrCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = parts.first, !address.isEmpty else { return false }
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), prefix >= 0, prefix <= (address.contains(":") ? 128 : 32) else { return false }
        }
        if address.contains(":") { return address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { Int($0).map { (0...255).contains($0) } ?? false }
    }

    /// `host:port`, with IPv6 hosts in brackets; the host is returned without them.
    static func hostAndPort(_ text: String) -> (String, Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            // An unbracketed IPv6 address would make the port ambiguous.
            if host.contains(":") { return nil }
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace), let port = Int(portText), (1...65_535).contains(port) else {
            return nil
        }
        return (String(host), port)
    }

    /// A message when `proxy` is not something libcurl accepts, else `nil`.
    static func proxyProblem(_ proxy: String) -> String? {
        if proxy.contains(where: \.isWhitespace) { return "must not contain spaces" }
        guard let separator = proxy.range(of: "://") else { return nil }  // libcurl defaults to http://
        let scheme = proxy[..<separator.lowerBound].lowercased()
        let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]
        guard schemes.contains(scheme) else {
            return "unsupported proxy scheme '\(scheme)'; use one of \(schemes.joined(separator: ", "))"
        }
        return proxy[separator.upperBound...].isEmpty ? "missing the proxy host" : nil
    }
}
