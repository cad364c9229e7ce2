extension Duration {
    /// Whole milliseconds, rounded up so that a tiny positive timeout never becomes curl's "no limit" 0.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = self.components
        guard seconds >= 0, attoseconds >= 0 else { return 1 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int.max }
        let total = Int(millis.partialValue) + Int((attoseconds + perMillisecond - 1) / perMillisecond)
        return max(1, total)
    }

    /// Seconds for messages: `"20 s"`, `"0.5 s"`.
    var secondsDescription: String {
        let (seconds, attoseconds) = self.components
        if attoseconds == 0 { return "\(seconds) s" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return "\((value * 1000).rounded() / 1000) s"
    }
}
