/// A path to a value in the configuration, e.g. `routes.news.filter[0].regex`.
///
/// Kept structured rather than as a string so that quoted keys containing dots cannot be
/// confused with nesting, and so that falling back to a parent (for line lookups) is exact.
struct ConfigKeyPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path: a table key or a 0-based array index.
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    static let root = ConfigKeyPath()

    init(_ components: [Component] = []) {
        self.components = components
    }

    /// A path of plain keys, as in `ConfigKeyPath(keys: ["sources", "news"])`.
    init(keys: [String]) {
        self.components = keys.map(Component.key)
    }

    func appending(_ key: String) -> ConfigKeyPath {
        ConfigKeyPath(components + [.key(key)])
    }

    func appending(index: Int) -> ConfigKeyPath {
        ConfigKeyPath(components + [.index(index)])
    }

    /// The enclosing path, or `nil` at the root.
    var parent: ConfigKeyPath? {
        components.isEmpty ? nil : ConfigKeyPath(Array(components.dropLast()))
    }

    /// The last key of the path (ignoring indices), used in messages such as "missing required key".
    var lastKey: String? {
        for component in components.reversed() {
            if case .key(let key) = component { return key }
        }
        return nil
    }

    /// Rendered the way a user would write it; keys that are not bare TOML keys are quoted.
    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += Self.isBareKey(key) ? key : "\"\(key)\""
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    private static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D
        }
    }
}
