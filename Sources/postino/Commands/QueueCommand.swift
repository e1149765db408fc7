import Administration
import ArgumentParser
import Foundation

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Look at and manage the mail queue.",
        discussion: "Safe while the server runs: it re-reads the queue at every sweep (every 10 seconds).",
        subcommands: [List.self, Show.self, Resend.self, Delete.self, Stats.self])

    static func age(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h\(seconds % 3600 / 60)m" }
        return "\(seconds / 86_400)d\(seconds % 86_400 / 3600)h"
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List queued messages: QID, sender, recipients, size, age, attempts, last error.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().queue()
            if output.json { return try Output.json(rows) }
            if rows.isEmpty { return print("the queue is empty") }
            Output.table(["QID", "SENDER", "RECIPIENTS", "SIZE", "AGE", "TRIES", "LAST ERROR"], rows.map { r in
                [r.qid, r.sender.isEmpty ? "<>" : r.sender, r.recipients.joined(separator: ","), "\(r.size)",
                 QueueCommand.age(r.age_seconds), "\(r.attempts)", r.last_error ?? "-"]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one queued message: its deliveries and header.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var qid: String

        func run() throws {
            let detail = try global.administration().queuedMessage(qid)
            if output.json { return try Output.json(detail) }
            let row = detail.message
            print("qid:      \(row.qid)")
            print("sender:   <\(row.sender)>")
            print("size:     \(row.size)")
            print("arrival:  \(row.arrival) (\(QueueCommand.age(row.age_seconds)) ago)")
            for d in row.deliveries {
                var line = "to <\(d.recipient)> \(d.route): \(d.status), \(d.attempts) tries"
                if let next = d.next_attempt { line += ", next \(next)" }
                if let reply = d.last_reply { line += "; \(reply)" }
                print(line)
            }
            print("")
            print(detail.header.replacingOccurrences(of: "\r\n", with: "\n"), terminator: "")
        }
    }

    /// One message by queue ID, or every message with `--all`.
    struct Selection: ParsableArguments {
        @Argument var qid: String?
        @Flag(help: "Every queued message.") var all = false

        func validate() throws {
            if (qid == nil) == !all { throw ValidationError("give a QID or --all") }
        }
    }

    struct Resend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resend", abstract: "Try a message (or every message with --all) again now.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func run() throws {
            let admin = try global.administration()
            if selection.all {
                print("\(try admin.resendAll()) messages will be tried again at the next queue run")
            } else if let qid = selection.qid {
                try admin.resend(qid)
                print("\(qid.uppercased()) will be tried again at the next queue run")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a message (or every message with --all) from the queue, without notice to the sender.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func run() throws {
            let admin = try global.administration()
            if selection.all {
                print("deleted \(try admin.deleteAllQueued()) messages")
            } else if let qid = selection.qid {
                try admin.deleteQueued(qid)
                print("deleted \(qid.uppercased())")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Queue length and size now and over the last hour (sampled every 10 s).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let stats = try global.administration().queueStats()
            if output.json { return try Output.json(stats) }
            print("now: \(stats.messages) messages, \(stats.bytes) bytes")
            Output.table(["TIME", "MESSAGES", "BYTES"], stats.samples.map { [$0.time, "\($0.messages)", "\($0.bytes)"] })
        }
    }
}
