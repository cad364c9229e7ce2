/// Collects the problems of one load, with file and line attached.
///
/// A reference type on purpose: every `TableReader` of one load reports into the same list,
/// and the loader throws all of it at the end (invariant 7: all problems at once). It lives
/// only for one synchronous `ConfigLoader.parse` call and never crosses a concurrency domain.
final class ConfigDiagnostics {
    let file: String
    let lineIndex: TOMLLineIndex
    private(set) var problems: [ConfigProblem] = []

    init(file: String, lineIndex: TOMLLineIndex) {
        self.file = file
        self.lineIndex = lineIndex
    }

    /// Reports a problem at `path`; `linePath` picks a more precise line (e.g. the array element)
    /// while the message still names the key the user knows.
    func report(_ path: ConfigKeyPath, _ message: String, linePath: ConfigKeyPath? = nil) {
        let line = lineIndex.line(for: linePath ?? path)
        problems.append(ConfigProblem(file: file, line: line, keyPath: path.description, message: message))
    }

    /// Reports a problem with an explicit line (syntax errors, which have no key path).
    func report(line: Int?, _ message: String) {
        problems.append(ConfigProblem(file: file, line: line, keyPath: "", message: message))
    }

    /// The problems by line, in discovery order within a line; problems without a line come last.
    var sortedProblems: [ConfigProblem] {
        problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.line ?? Int.max
            let right = rhs.element.line ?? Int.max
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// "Did you mean …?" suggestions for misspelled keys, names and enum values.
enum Suggestion {
    /// The candidate closest to `input` within an edit distance of 2, or `nil`.
    static func closest(to input: String, in candidates: some Sequence<String>) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != input {
            let distance = editDistance(input.lowercased(), candidate.lowercased())
            // A limit below the input's length keeps one- and two-letter typos from matching anything.
            guard distance <= 2, distance < input.count else { continue }
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// `message` followed by "; did you mean 'x'?" when there is a close candidate.
    static func append(to message: String, for input: String, in candidates: some Sequence<String>) -> String {
        guard let suggestion = closest(to: input, in: candidates) else { return message }
        return "\(message); did you mean '\(suggestion)'?"
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
