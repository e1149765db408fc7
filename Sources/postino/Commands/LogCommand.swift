import ArgumentParser
import Foundation
import PostinoServer

/// `postino log trace`: a message's whole story from the mail log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Read the mail log.", subcommands: [Trace.self])

    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the timeline of the messages a QID, Message-ID or address names.",
            discussion: """
            Follows the messages one led to (delivery notices, redirects, vacation replies). Reads \
            log/maillog of the data directory (not when serve logs to standard output).
            """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("A queue ID, a Message-ID (with or without <>) or an address.", valueName: "QUERY"))
        var query: String
        @Option(help: ArgumentHelp("Only lines newer than this (like 2h or 1d).", valueName: "DURATION"))
        var since: String?

        struct Timeline {
            var qid: String
            var events: [MailLogLine]
        }

        func run() throws {
            let path = global.dataDirectory.mailLog.path
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            var cutoff: String?
            if let since {
                guard let seconds = Self.seconds(since) else { throw CLIError("--since: expected a duration like 30m, 2h or 1d") }
                // The log's own time format (local offset), so the strings compare in order.
                cutoff = MailLogFormatter.timestamp(Date().addingTimeInterval(-seconds))
            }
            let timelines = MailLogTrace(text: String(decoding: data, as: UTF8.self)).timelines(for: query, since: cutoff)
            guard !timelines.isEmpty else { throw CLIError("nothing in the mail log about \(query)") }
            if output.json { return try Output.json(timelines.map { Timeline(qid: $0.queueID, events: $0.lines) }) }
            for (index, timeline) in timelines.enumerated() {
                if index > 0 { print("") }
                print("\(timeline.queueID)")
                for line in timeline.lines { print("  \(line.time)  \(line.component): \(line.text)") }
            }
        }

        static func seconds(_ text: String) -> TimeInterval? {
            guard let unit = text.last, let value = Double(text.dropLast()), value >= 0 else { return Double(text) }
            switch unit {
            case "s": return value
            case "m": return value * 60
            case "h": return value * 3600
            case "d": return value * 86400
            default: return nil
            }
        }
    }
}
