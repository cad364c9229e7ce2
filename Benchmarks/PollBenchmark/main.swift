// Poll benchmark (b): 1,000 feeds of 20 items served on loopback; the wall time of a cold first
// cycle and of a steady cycle of 304s, and the poller's peak memory.
//
//     swift run -c release PollBenchmark            # 1000 feeds
//     swift run -c release PollBenchmark 200        # fewer feeds
//
// The feed server runs in a child process (this executable with `serve`), so that the poller's
// peak memory is its own. The baseline, measured in the same run, is the transport floor: the same
// 1,000 conditional GETs through the same libcurl client and caps, without parsing or ingest.
import CrierConnectors
import CrierCore
import CrierHTTP
import CrierTestSupport
import Foundation
import Logging

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "serve" {
    try await FeedServerProcess.serve(feeds: Int(arguments.dropFirst().first ?? "") ?? 1000)
} else {
    try await PollBenchmark.run(feeds: Int(arguments.first ?? "") ?? 1000)
}
