/// Maps key paths of a TOML text to the 1-based line that defines them.
///
/// TOMLKit (toml++ underneath) does not expose node positions, and good messages need a line,
/// so the raw text is scanned once on its own. The scanner understands just enough TOML to
/// follow table headers, arrays of tables, dotted and quoted keys, inline tables and arrays,
/// and to skip multi-line strings; anything it does not understand is skipped to the end of
/// the line. It never reports errors: TOMLKit is the authority on syntax.
struct TOMLLineIndex: Sendable {
    private var lines: [ConfigKeyPath: Int]

    init(text: String) {
        var scanner = LineScanner(bytes: Array(text.utf8))
        scanner.run()
        lines = scanner.lines
    }

    /// The line of `path`, else of its nearest enclosing key or table that has one, else `nil`.
    ///
    /// Falling back to a parent is what places "missing required key" on the table header, and
    /// a value in an inline table on the line of the key that holds the table.
    func line(for path: ConfigKeyPath) -> Int? {
        var candidate: ConfigKeyPath? = path
        while let current = candidate, !current.components.isEmpty {
            if let line = lines[current] { return line }
            candidate = current.parent
        }
        return nil
    }

    /// The line of exactly `path`, without falling back.
    func exactLine(for path: ConfigKeyPath) -> Int? {
        lines[path]
    }
}

/// The single pass over the text behind `TOMLLineIndex`; works on UTF-8 bytes because every
/// character that matters to TOML's structure is ASCII.
private struct LineScanner {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lines: [ConfigKeyPath: Int] = [:]
    /// The table that the current key/value lines belong to, with array-of-table indices resolved.
    var tablePath = ConfigKeyPath.root
    /// How many elements each array of tables has so far, by its resolved path.
    var arrayTableCounts: [ConfigKeyPath: Int] = [:]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte order mark
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where position < bytes.count {
            if bytes[position] == Byte.newline { line += 1 }
            position += 1
        }
    }

    /// Records the first place a path appears; later mentions (e.g. `[a.b]` after `a.b.c = 1`
    /// implied `a.b`) are either the same definition or a syntax error TOMLKit reports.
    private mutating func record(_ path: ConfigKeyPath, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    mutating func run() {
        while let byte = current {
            switch byte {
            case Byte.space, Byte.tab, Byte.carriageReturn, Byte.newline:
                advance()
            case Byte.hash:
                skipRestOfLine()
            case Byte.openBracket:
                parseHeader()
                skipRestOfLine()
            default:
                let before = position
                parseKeyValue(in: tablePath)
                if position == before { advance() }
                skipRestOfLine()
            }
        }
    }

    private mutating func skipRestOfLine() {
        while let byte = current, byte != Byte.newline { advance() }
        advance()
    }

    private mutating func skipBlank() {
        while let byte = current, byte == Byte.space || byte == Byte.tab || byte == Byte.carriageReturn { advance() }
    }

    /// Inside arrays (and, leniently, inline tables) values may span lines and carry comments.
    private mutating func skipBlankLinesAndComments() {
        while let byte = current {
            if byte == Byte.space || byte == Byte.tab || byte == Byte.carriageReturn || byte == Byte.newline {
                advance()
            } else if byte == Byte.hash {
                while let next = current, next != Byte.newline { advance() }
            } else {
                return
            }
        }
    }

    // MARK: Headers and keys

    /// `[a.b]` or `[[a.b]]`. A parent that is an array of tables means its last element, as in TOML.
    private mutating func parseHeader() {
        let headerLine = line
        let isArray = peek(1) == Byte.openBracket
        advance(isArray ? 2 : 1)
        let keys = parseKey()
        guard !keys.isEmpty else { return }
        var resolved = ConfigKeyPath.root
        for (offset, key) in keys.enumerated() {
            resolved = resolved.appending(key)
            let isLast = offset == keys.count - 1
            if isLast && isArray {
                let count = arrayTableCounts[resolved, default: 0]
                arrayTableCounts[resolved] = count + 1
                record(resolved, headerLine)
                resolved = resolved.appending(index: count)
            } else if let count = arrayTableCounts[resolved] {
                resolved = resolved.appending(index: count - 1)
            }
            record(resolved, headerLine)
        }
        tablePath = resolved
    }

    /// A possibly dotted key; returns no keys when the text here is not a key.
    private mutating func parseKey() -> [String] {
        var keys: [String] = []
        while true {
            skipBlank()
            guard let byte = current else { return keys }
            if byte == Byte.doubleQuote {
                keys.append(parseBasicString())
            } else if byte == Byte.singleQuote {
                keys.append(parseLiteralString())
            } else if Byte.isBareKey(byte) {
                let start = position
                while let next = current, Byte.isBareKey(next) { advance() }
                keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
            } else {
                return keys
            }
            skipBlank()
            guard current == Byte.dot else { return keys }
            advance()
        }
    }

    private mutating func parseKeyValue(in base: ConfigKeyPath) {
        let keyLine = line
        let keys = parseKey()
        guard !keys.isEmpty else { return }
        skipBlank()
        guard current == Byte.equals else { return }
        advance()
        var path = base
        for key in keys {
            path = path.appending(key)
            record(path, keyLine)
        }
        skipBlank()
        skipValue(at: path)
    }

    // MARK: Values

    private mutating func skipValue(at path: ConfigKeyPath) {
        guard let byte = current else { return }
        switch byte {
        case Byte.doubleQuote where peek(1) == Byte.doubleQuote && peek(2) == Byte.doubleQuote:
            skipMultilineString(quote: Byte.doubleQuote, escapes: true)
        case Byte.singleQuote where peek(1) == Byte.singleQuote && peek(2) == Byte.singleQuote:
            skipMultilineString(quote: Byte.singleQuote, escapes: false)
        case Byte.doubleQuote:
            _ = parseBasicString()
        case Byte.singleQuote:
            _ = parseLiteralString()
        case Byte.openBracket:
            skipArray(at: path)
        case Byte.openBrace:
            skipInlineTable(at: path)
        default:
            // Numbers, booleans, dates (which may contain a space) end at a delimiter.
            while let next = current, !Byte.endsScalar(next) { advance() }
        }
    }

    private mutating func skipArray(at path: ConfigKeyPath) {
        advance()
        var index = 0
        while true {
            skipBlankLinesAndComments()
            guard let byte = current else { return }
            if byte == Byte.closeBracket {
                advance()
                return
            }
            if byte == Byte.comma {
                advance()
                continue
            }
            let elementPath = path.appending(index: index)
            record(elementPath, line)
            let before = position
            skipValue(at: elementPath)
            if position == before { advance() }
            index += 1
        }
    }

    private mutating func skipInlineTable(at path: ConfigKeyPath) {
        advance()
        while true {
            skipBlankLinesAndComments()
            guard let byte = current else { return }
            if byte == Byte.closeBrace {
                advance()
                return
            }
            if byte == Byte.comma {
                advance()
                continue
            }
            let before = position
            parseKeyValue(in: path)
            if position == before { advance() }
        }
    }

    private mutating func skipMultilineString(quote: UInt8, escapes: Bool) {
        advance(3)
        while let byte = current {
            if escapes && byte == Byte.backslash {
                advance(2)
            } else if byte == quote && peek(1) == quote && peek(2) == quote {
                advance(3)
                // Up to two more quotes may end the content right before the delimiter.
                var extra = 0
                while current == quote && extra < 2 {
                    advance()
                    extra += 1
                }
                return
            } else {
                advance()
            }
        }
    }

    /// A single-line `"…"` string, decoded (it may be a key).
    private mutating func parseBasicString() -> String {
        advance()
        var scalars = String.UnicodeScalarView()
        var pending: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars)
            pending.removeAll()
        }
        while let byte = current, byte != Byte.doubleQuote, byte != Byte.newline {
            guard byte == Byte.backslash, let escaped = peek(1) else {
                pending.append(byte)
                advance()
                continue
            }
            advance(2)
            switch escaped {
            case UInt8(ascii: "n"): pending.append(Byte.newline)
            case UInt8(ascii: "t"): pending.append(Byte.tab)
            case UInt8(ascii: "r"): pending.append(Byte.carriageReturn)
            case UInt8(ascii: "b"): pending.append(0x08)
            case UInt8(ascii: "f"): pending.append(0x0C)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escaped == UInt8(ascii: "u") ? 4 : 8
                let end = min(position + digits, bytes.count)
                let hex = String(decoding: bytes[position..<end], as: UTF8.self)
                advance(end - position)
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    flush()
                    scalars.append(scalar)
                }
            default: pending.append(escaped)
            }
        }
        if current == Byte.doubleQuote { advance() }
        flush()
        return String(scalars)
    }

    private mutating func parseLiteralString() -> String {
        advance()
        let start = position
        while let byte = current, byte != Byte.singleQuote, byte != Byte.newline { advance() }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if current == Byte.singleQuote { advance() }
        return text
    }
}

/// The ASCII bytes the scanner cares about.
private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let dot = UInt8(ascii: ".")
    static let equals = UInt8(ascii: "=")
    static let comma = UInt8(ascii: ",")

    static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    static func endsScalar(_ byte: UInt8) -> Bool {
        byte == comma || byte == closeBracket || byte == closeBrace || byte == hash || byte == newline
            || byte == carriageReturn
    }
}
