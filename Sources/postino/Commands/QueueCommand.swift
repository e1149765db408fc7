import ArgumentParser
import Foundation
import Queue

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Look at and manage the mail queue.",
        discussion: "Safe while the server runs: it re-reads the queue at every sweep (every 10 seconds).",
        subcommands: [List.self, Show.self, Resend.self, Delete.self, Stats.self])

    static func manager(_ global: GlobalOptions) throws -> QueueManager {
        let directory = try global.openDirectory()
        return try QueueManager(spoolDirectory: global.dataDirectory.spool, database: directory.database)
    }

    static func age(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h\(seconds % 3600 / 60)m" }
        return "\(seconds / 86_400)d\(seconds % 86_400 / 3600)h"
    }

    static func timestamp(_ date: Date?) -> String? {
        date.map { ISO8601DateFormatter().string(from: $0) }
    }

    struct DeliveryRow {
        var recipient: String
        var route: String
        var status: String
        var attempts: Int
        var next_attempt: String?
        var last_reply: String?
    }

    struct Row {
        var qid: String
        var sender: String
        var recipients: [String]
        var size: Int
        var arrival: String
        var age_seconds: Int
        var attempts: Int
        var last_error: String?
        var deliveries: [DeliveryRow]

        init(_ entry: QueueEntry) {
            qid = entry.queueID
            sender = entry.sender
            recipients = entry.recipients
            size = entry.size
            arrival = QueueCommand.timestamp(entry.arrival) ?? ""
            age_seconds = entry.age
            attempts = entry.attempts
            last_error = entry.lastError
            deliveries = entry.deliveries.map {
                DeliveryRow(recipient: $0.recipient, route: $0.route, status: $0.status, attempts: $0.attempts,
                            next_attempt: QueueCommand.timestamp($0.nextAttempt), last_reply: $0.lastReply)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List queued messages: QID, sender, recipients, size, age, attempts, last error.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try QueueCommand.manager(global).list().map(Row.init)
            if output.json { return try Output.json(rows) }
            if rows.isEmpty { return print("the queue is empty") }
            Output.table(["QID", "SENDER", "RECIPIENTS", "SIZE", "AGE", "TRIES", "LAST ERROR"], rows.map { r in
                [r.qid, r.sender.isEmpty ? "<>" : r.sender, r.recipients.joined(separator: ","), "\(r.size)",
                 QueueCommand.age(r.age_seconds), "\(r.attempts)", r.last_error ?? "-"]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one queued message: its deliveries and header.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument var qid: String

        struct Detail {
            var message: Row
            var header: String
        }

        func run() throws {
            let detail = try QueueCommand.manager(global).show(qid)
            let row = Row(detail.entry)
            if output.json { return try Output.json(Detail(message: row, header: detail.header)) }
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
        static let configuration = CommandConfiguration(abstract: "Try a message (or every message with --all) again now.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func run() throws {
            let manager = try QueueCommand.manager(global)
            if selection.all {
                print("\(try manager.resendAll()) messages will be tried again at the next queue run")
            } else if let qid = selection.qid {
                try manager.resend(qid)
                print("\(qid.uppercased()) will be tried again at the next queue run")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a message (or every message with --all) from the queue, without notice to the sender.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: Selection

        func run() throws {
            let manager = try QueueCommand.manager(global)
            if selection.all {
                print("deleted \(try manager.deleteAll()) messages")
            } else if let qid = selection.qid {
                try manager.delete(qid)
                print("deleted \(qid.uppercased())")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue length and size now and over the last hour (sampled every 10 s).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Point {
            var time: String
            var messages: Int
            var bytes: Int64
        }

        struct Report {
            var messages: Int
            var bytes: Int64
            var samples: [Point]
        }

        func run() throws {
            let (samples, current) = try QueueCommand.manager(global).stats()
            let points = samples.map { Point(time: QueueCommand.timestamp($0.at) ?? "", messages: $0.messages, bytes: $0.bytes) }
            if output.json { return try Output.json(Report(messages: current.messages, bytes: current.bytes, samples: points)) }
            print("now: \(current.messages) messages, \(current.bytes) bytes")
            Output.table(["TIME", "MESSAGES", "BYTES"], points.map { [$0.time, "\($0.messages)", "\($0.bytes)"] })
        }
    }
}
