/// "5 min ago": how long before `now` a time was, in the words the live script also uses
/// (`just now`, `N min ago`, `N h ago`, `N d ago`, then the UTC date).
enum RelativeTime {
    /// The phrase for `time` seen at `now`.
    static func describe(_ time: Timestamp, now: Timestamp) -> String {
        let seconds = Int((Double(now.milliseconds - time.milliseconds) / 1000).rounded())
        if seconds < 45 { return "just now" }
        let minutes = Int((Double(seconds) / 60).rounded())
        if minutes < 60 { return "\(minutes) min ago" }
        let hours = Int((Double(minutes) / 60).rounded())
        if hours < 24 { return "\(hours) h ago" }
        let days = Int((Double(hours) / 24).rounded())
        if days < 30 { return "\(days) d ago" }
        return time.day
    }

    /// `<time>` with the relative phrase, the ISO instant in `datetime`, the readable UTC time in
    /// `title`, and milliseconds in `data-ms` for the live script to refresh.
    static func element(_ time: Timestamp, now: Timestamp) -> HTML {
        """
        <time datetime="\(time.iso8601)" title="\(HTMLPage.displayTime(time))" data-ms="\(time.milliseconds)">\
        \(describe(time, now: now))</time>
        """
    }
}
