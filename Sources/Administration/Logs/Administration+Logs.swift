import Foundation
import MessageEvents

extension Administration {
    /// The timelines of the messages a QID, Message-ID (with or without <>) or address
    /// names, with the messages they led to (notices, redirects); events since `since`
    /// only when given. Empty when nothing matches.
    public func trace(_ query: String, since: Date? = nil) throws(AdminError) -> [LogTraceRow] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidInput("a QID, Message-ID or address to trace") }
        let events = try eventStore()
        let timelines = try storeCall { try MessageTrace(store: events).timelines(for: trimmed, since: since) }
        return timelines.map { LogTraceRow(qid: $0.qid, events: $0.events.map(LogEventRow.init)) }
    }

    /// `30m`, `2h`, `1d`, or seconds: the `--since` of a trace.
    public static func traceWindow(_ text: String) throws(AdminError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let seconds: Double
        if let value = Double(text), value >= 0 {
            seconds = value
        } else if let unit = text.last, let factor = units[unit], let value = Double(text.dropLast()), value >= 0 {
            seconds = value * factor
        } else {
            throw .invalidInput("since: expected a duration like 30m, 2h or 1d")
        }
        // Longer than any retention means everything.
        return min(seconds, 3650 * 86_400)
    }
}
