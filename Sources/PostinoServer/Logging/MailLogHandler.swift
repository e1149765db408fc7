import Foundation
import Logging
import MessageEvents

/// A swift-log handler writing classic mail-log lines. The queue ID travels as the `qid`
/// metadata key so that every line about a message carries it:
/// `logger.info("from=<a@b> size=1234 nrcpt=1", metadata: ["qid": "\(qid)"])`.
public struct MailLogHandler: LogHandler {
    public static let queueIDKey = "qid"

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let component: String
    private let sink: LogSink
    private let formatter: MailLogFormatter
    /// Where each line about a message is also kept as a structured event (nil: the log only).
    private let events: MessageEventRecorder?

    public init(component: String, sink: LogSink, formatter: MailLogFormatter, logLevel: Logger.Level = .info,
                events: MessageEventRecorder? = nil) {
        self.component = component
        self.sink = sink
        self.formatter = formatter
        self.logLevel = logLevel
        self.events = events
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let queueID = merged[Self.queueIDKey].map { "\($0)" }
        var text = "\(event.message)"
        if event.level >= .warning { text = "\(event.level == .warning ? "warning" : "error"): " + text }
        // The line and its event record are written in the same step, with the same time.
        let date = Date()
        let time = MailLogFormatter.timestamp(date)
        let body = MailLogFormatter.escapeControlCharacters(text)
        sink.write(line: formatter.format(time: time, component: component, queueID: queueID, body: body))
        if let events, MessageEvent.isRecorded(queueID: queueID, text: body) {
            let event = MessageEvent(date: date, time: time, component: component, queueID: queueID, text: body)
            events.record(event)
            MessageEventMetrics.count(event)
        }
    }
}
