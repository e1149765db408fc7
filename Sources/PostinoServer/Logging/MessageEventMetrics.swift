import Foundation
import MessageEvents
import Metrics

/// The mail figures of `/metrics` that the message events already tell, counted as each
/// event is logged (so the log, the records and the metrics never disagree): deliveries by
/// status (sent, deferred, bounced) and transport (local, smtp), filter verdicts by action
/// and the scan time, and local delivery latency (receipt to mailbox).
enum MessageEventMetrics {
    static func count(_ event: MessageEvent) {
        let fields = event.fields
        switch event.kind {
        case .delivery, .bounce:
            guard let status = fields.status else { return }
            let transport = fields.relay == "local" ? "local" : "smtp"
            Counter(label: "postino_deliveries_total", dimensions: [("status", status), ("transport", transport)]).increment()
            if transport == "local", status == "sent", let delay = fields.delay {
                Metrics.Timer(label: "postino_local_delivery_seconds").recordNanoseconds(Int64(delay * 1_000_000_000))
            }
        case .verdict:
            guard let action = fields.action else { return }
            Counter(label: "postino_filter_verdicts_total", dimensions: [("action", action)]).increment()
            if let milliseconds = scanMilliseconds(event.text) {
                Metrics.Timer(label: "postino_filter_scan_seconds").recordMilliseconds(milliseconds)
            }
        default:
            return
        }
    }

    /// `time=12ms` of a verdict line.
    static func scanMilliseconds(_ text: String) -> Int? {
        guard let range = text.range(of: " time=") else { return nil }
        let digits = text[range.upperBound...].prefix(while: \.isNumber)
        return text[range.upperBound...].dropFirst(digits.count).hasPrefix("ms") ? Int(digits) : nil
    }
}
