// FormatsBenchmark: feed parsing throughput against raw libxml2.
//
//     swift run -c release FormatsBenchmark            # 5 MB corpora, median of 7 runs
//     swift run -c release FormatsBenchmark 20 15      # 20 MB corpora, median of 15 runs
//     swift run -c release FormatsBenchmark 5 15 cpu   # thread CPU time instead of wall clock
//     FormatsBenchmark profile rss 200                  # only FeedParser, 200 times (for perf)
//     FormatsBenchmark profile atom 200 raw             # only the raw libxml2 baseline
//
// Generates a ~5 MB RSS 2.0 corpus and a ~5 MB Atom corpus in memory (Corpus.swift), then
// for each measures MB/s (10^6 bytes per second) of
//   (1) raw libxml2 SAX2 push parsing with empty callbacks and the same options (RawSAX.swift),
//   (2) FeedParser.parse, the full pipeline: encoding check, entity rewriting, SAX mapping,
//       HTML-to-text of every title and summary, dates, link resolution, and freeing the
//       resulting Feed,
// as the median of several runs after one warm-up run, and prints the ratio parser/raw.
// Raw and parser runs alternate, so a change in machine load hits both columns alike.
// Run it on an idle machine: with other builds running, both columns move by 30 % or more;
// `cpu` measures this thread's CPU time instead, which time slicing does not inflate.
import CrierFormats
import Foundation

if CommandLine.arguments.dropFirst().first == "profile" {
    profile(CommandLine.arguments.dropFirst(2))
}

/// Parses one 5 MB corpus many times and nothing else, so a profiler (perf, callgrind) sees
/// only `FeedParser`, or only the raw baseline when the last argument is `raw`.
func profile(_ arguments: ArraySlice<String>) -> Never {
    let atom = arguments.first == "atom"
    let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 100
    let raw = arguments.last == "raw"
    let bytes = atom ? Corpus.atom(targetBytes: 5_000_000) : Corpus.rss(targetBytes: 5_000_000)
    var total = 0
    for _ in 0..<count {
        total += raw
            ? RawSAX.parse(bytes)
            : (try? FeedParser.parse(bytes, contentType: "application/xml", baseURL: "https://www.example.com/feed"))?.entries.count ?? 0
    }
    print(raw ? "\(total) elements" : "\(total) entries")
    exit(0)
}

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let megabytes = arguments.first ?? 5
let runs = arguments.count > 1 ? max(1, arguments[1]) : 7
let cpuTime = CommandLine.arguments.contains("cpu")

/// Seconds taken by one call: wall clock, or this thread's CPU time with `cpu`.
func seconds(_ body: () -> Void) -> Double {
    if cpuTime {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
    let d = ContinuousClock().measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Median seconds of `runs` calls of each body, alternating, after one warm-up call of each.
func medianSeconds(_ first: () -> Void, _ second: () -> Void) -> (Double, Double) {
    first()
    second()
    var a: [Double] = [], b: [Double] = []
    for _ in 0..<runs {
        a.append(seconds(first))
        b.append(seconds(second))
    }
    a.sort()
    b.sort()
    return (a[a.count / 2], b[b.count / 2])
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func fmt(_ value: Double, _ decimals: Int = 1) -> String {
    String(format: "%.\(decimals)f", value)
}

let corpora: [(String, [UInt8])] = [
    ("RSS 2.0", Corpus.rss(targetBytes: megabytes * 1_000_000)),
    ("Atom 1.0", Corpus.atom(targetBytes: megabytes * 1_000_000)),
]

print("FormatsBenchmark: median of \(runs) runs after a warm-up, \(cpuTime ? "thread CPU time" : "wall clock")\n")
print("| corpus   | size MB | entries | raw libxml2 SAX2 MB/s | FeedParser MB/s | ratio |")
print("|----------|---------|---------|-----------------------|-----------------|-------|")
for (name, bytes) in corpora {
    var entries = 0
    var elements = 0
    let (raw, parser) = medianSeconds({ elements = RawSAX.parse(bytes) }, {
        do {
            entries = try FeedParser.parse(bytes, contentType: "application/xml", baseURL: "https://www.example.com/feed").entries.count
        } catch {
            fatalError("corpus did not parse: \(error)")
        }
    })
    precondition(elements > entries && entries > 0, "corpus sanity check failed")
    let size = Double(bytes.count) / 1e6
    print("| \(pad(name, 8)) | \(pad(fmt(size, 2), 7)) | \(pad(String(entries), 7)) | "
        + "\(pad(fmt(size / raw), 21)) | \(pad(fmt(size / parser), 15)) | \(pad(fmt(parser > 0 ? raw / parser : 0, 2), 5)) |")
}
