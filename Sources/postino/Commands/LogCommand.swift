import Administration
import ArgumentParser
import Foundation
import MessageEvents
import PostinoServer

/// `postino log trace`: a message's whole story from the mail log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Read the mail log.", subcommands: [Trace.self])

    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trace",
            abstract: "Print the timeline of the messages a QID, Message-ID or address names.",
            discussion: """
            Follows the messages one led to (delivery notices, redirects, vacation replies). Reads \
            the message events kept in the database (log.events_days), else log/maillog.
            """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("A queue ID, a Message-ID (with or without <>) or an address.", valueName: "QUERY"))
        var query: String
        @Option(help: ArgumentHelp("Only lines newer than this (like 2h or 1d).", valueName: "DURATION"))
        var since: String?

        func run() throws {
            var since: Date?
            if let window = self.since {
                // The API's parser: plain seconds too, and a window beyond any retention means all.
                since = Date().addingTimeInterval(-(try Administration.traceWindow(window)))
            }
            var timelines = try global.administration().trace(query, since: since)
            // Mail logged before the event records existed is still in the mail log.
            if timelines.isEmpty { timelines = try fromMailLog(since: since) }
            guard !timelines.isEmpty else { throw CLIError("nothing in the mail log about \(query)") }
            if output.json { return try Output.json(timelines) }
            for (index, timeline) in timelines.enumerated() {
                if index > 0 { print("") }
                print("\(timeline.qid)")
                for event in timeline.events { print("  \(event.time)  \(event.component): \(event.text)") }
            }
        }

        private func fromMailLog(since: Date?) throws -> [LogTraceRow] {
            let path = global.dataDirectory.mailLog.path
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            // The log's own time format (local offset), so the strings compare in order.
            let cutoff = since.map(MailLogFormatter.timestamp)
            return MailLogTrace(text: String(decoding: data, as: UTF8.self)).timelines(for: query, since: cutoff).map { timeline in
                LogTraceRow(qid: timeline.queueID, events: timeline.lines.map { line in
                    LogEventRow(MessageEvent(date: Date(), time: line.time, component: line.component, queueID: line.queueID, text: line.text))
                })
            }
        }
    }
}
