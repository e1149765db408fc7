import ArgumentParser
import Foundation
import Sieve

struct SieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sieve", abstract: "Check Sieve scripts and try them on messages.",
        subcommands: [Check.self, Run.self])

    /// `postino sieve check FILE…`: "OK", or the first error as "FILE: line L, column C: message".
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compile Sieve scripts; print OK, or the first error with its line and column.")
        @Argument(help: ArgumentHelp("Sieve script files.", valueName: "FILE")) var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one script FILE") }
        }

        func run() throws {
            for file in files {
                let source = try SieveFiles.read(file)
                do {
                    _ = try SieveCompiler.compile(source, name: file)
                } catch {
                    SieveFiles.fail("\(file): \(error)")
                }
            }
            print("OK")
        }
    }

    /// `postino sieve run SCRIPT MESSAGE`: the actions, one per line, or JSON.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a Sieve script on a message file and print the resulting actions.",
            discussion: """
            Prints one action per line (keep, fileinto, redirect, reject, ereject, discard, vacation),
            then "implicit keep" when it applies. A runtime error prints "error: …" and the
            implicit keep, as delivery would. include looks for NAME.sieve in --personal-dir
            and --global-dir.
            """)
        @Argument(help: ArgumentHelp("The Sieve script file.", valueName: "SCRIPT")) var script: String
        @Argument(help: ArgumentHelp("The RFC 5322 message file.", valueName: "MESSAGE")) var message: String
        @Option(help: ArgumentHelp("Envelope sender (\"\" for the null sender).", valueName: "ADDR"))
        var from = "sender@example.com"
        @Option(help: ArgumentHelp("Envelope recipient.", valueName: "ADDR")) var to = "recipient@example.com"
        @Option(name: .customLong("user-address"), help: ArgumentHelp("One of the user's own addresses (repeatable; default: --to).", valueName: "ADDR"))
        var userAddresses: [String] = []
        @Option(name: .customLong("spam-score"), help: ArgumentHelp("Antispam score for spamtest (0 = clean, --spam-max = spam).", valueName: "N"))
        var spamScore: Double?
        @Option(name: .customLong("spam-max"), help: ArgumentHelp("The score that means certainly spam.", valueName: "N"))
        var spamMax: Double = 10
        @Option(help: ArgumentHelp("Current date and time for currentdate, e.g. 2025-04-01T10:00:00+02:00.", valueName: "ISO8601"))
        var date: String?
        @Option(name: .customLong("mailbox"), help: ArgumentHelp("A mailbox that exists, for mailboxexists (repeatable).", valueName: "NAME"))
        var mailboxes: [String] = []
        @Option(name: .customLong("seen-id"), help: ArgumentHelp("An id the duplicate test has already seen (repeatable).", valueName: "ID"))
        var seenIDs: [String] = []
        @Option(name: .customLong("personal-dir"), help: ArgumentHelp("Directory of personal scripts for include.", valueName: "DIR"))
        var personalDirectory: String?
        @Option(name: .customLong("global-dir"), help: ArgumentHelp("Directory of global scripts for include.", valueName: "DIR"))
        var globalDirectory: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let source = try SieveFiles.read(script)
            let compiled: SieveScript
            do {
                compiled = try SieveCompiler.compile(source, name: script)
            } catch {
                SieveFiles.fail("\(script): \(error)")
            }
            guard let data = FileManager.default.contents(atPath: message) else { throw CLIError("cannot read \(message)") }
            let environment = try makeEnvironment()
            let outcome = SieveInterpreter(script: compiled, environment: environment)
                .run(message: SieveMessage(bytes: [UInt8](data)), envelope: SieveEnvelope(from: from, to: to))
            if json {
                let object = SieveOutcomeJSON.object(outcome)
                let encoded = try JSONSerialization.data(withJSONObject: object,
                                                         options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: encoded, as: UTF8.self))
            } else {
                for line in SieveOutcomeJSON.lines(outcome) { print(line) }
            }
        }

        private func makeEnvironment() throws -> SieveEnvironment {
            var now = Date()
            var zone = TimeZone.current
            if let date {
                guard let parsed = ISO8601Parsing.parse(date) else { throw CLIError("--date: not an ISO 8601 date and time: \(date)") }
                now = parsed.date
                zone = parsed.zone
            }
            let existing = Set(mailboxes + ["INBOX"])
            let seen = Set(seenIDs)
            let personal = personalDirectory, global = globalDirectory
            return SieveEnvironment(
                userAddresses: userAddresses.isEmpty ? [to] : userAddresses,
                currentDate: now, timeZone: zone, spamScore: spamScore, spamScoreMaximum: spamMax,
                mailboxExists: { existing.contains($0) },
                isDuplicate: { seen.contains($0.uniqueID) },
                loadScript: { name, location in
                    guard let directory = location == .global ? global : personal else { return nil }
                    let path = (directory as NSString).appendingPathComponent(name + ".sieve")
                    return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                })
        }
    }
}

enum SieveFiles {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints exactly one line on stderr and exits 1 (the CLI's error contract).
    static func fail(_ line: String) -> Never {
        let single = line.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        FileHandle.standardError.write(Data((single + "\n").utf8))
        Foundation.exit(1)
    }
}

/// ISO 8601 date-times with their zone offset ("Z" or ±hh:mm).
enum ISO8601Parsing {
    static func parse(_ text: String) -> (date: Date, zone: TimeZone)? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { return nil }
        var offset = 0
        if !text.hasSuffix("Z"), text.count >= 6 {
            let tail = text.suffix(6)
            let sign = tail.first == "-" ? -1 : 1
            let digits = tail.dropFirst().split(separator: ":")
            if digits.count == 2, let h = Int(digits[0]), let m = Int(digits[1]) { offset = sign * (h * 3600 + m * 60) }
        }
        return (date, TimeZone(secondsFromGMT: offset) ?? .current)
    }
}

/// How `sieve run` shows an outcome.
enum SieveOutcomeJSON {
    static func lines(_ outcome: SieveOutcome) -> [String] {
        var lines: [String] = []
        if let error = outcome.error { lines.append("error: \(error)") }
        for action in outcome.actions { lines.append(line(action)) }
        if outcome.implicitKeep || outcome.error != nil {
            lines.append("implicit keep" + flags(outcome.error == nil ? outcome.implicitKeepFlags : []))
        }
        if let reason = outcome.vacationSuppressed { lines.append("vacation suppressed: \(reason)") }
        if let header = outcome.editedHeader {
            for field in header where field.sourceRange == nil { lines.append("header added: \(field.name): \(field.value)") }
        }
        for warning in outcome.warnings { lines.append("warning: \(warning)") }
        return lines
    }

    private static func flags(_ flags: [String]) -> String {
        flags.isEmpty ? "" : " flags=" + flags.joined(separator: " ")
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    static func line(_ action: SieveAction) -> String {
        switch action {
        case .keep(let f): return "keep" + flags(f)
        case .fileinto(let mailbox, let f, let copy, let create):
            return "fileinto \(mailbox)" + flags(f) + (copy ? " copy" : "") + (create ? " create" : "")
        case .redirect(let address, let copy): return "redirect \(address)" + (copy ? " copy" : "")
        case .reject(let reason, let extended): return (extended ? "ereject " : "reject ") + oneLine(reason)
        case .discard: return "discard"
        case .vacation(let v):
            return "vacation to=\(v.recipient) subject=\(oneLine(v.subject)) period=\(v.periodSeconds)"
        }
    }

    static func object(_ outcome: SieveOutcome) -> [String: Any] {
        [
            "actions": outcome.actions.map(action),
            "implicit_keep": outcome.implicitKeep || outcome.error != nil,
            "implicit_keep_flags": outcome.error == nil ? outcome.implicitKeepFlags : [],
            "error": outcome.error.map { $0.description } as Any? ?? NSNull(),
            "vacation_suppressed": outcome.vacationSuppressed as Any? ?? NSNull(),
            "warnings": outcome.warnings,
            "duplicate_marks": outcome.duplicateMarks.map {
                ["handle": $0.key.handle, "id": $0.key.uniqueID, "seconds": $0.seconds, "last": $0.last] as [String: Any]
            },
            "edited_header": outcome.editedHeader.map { $0.map { ["name": $0.name, "value": $0.value] } } as Any? ?? NSNull(),
        ]
    }

    private static func action(_ action: SieveAction) -> [String: Any] {
        switch action {
        case .keep(let f): return ["type": "keep", "flags": f]
        case .fileinto(let mailbox, let f, let copy, let create):
            return ["type": "fileinto", "mailbox": mailbox, "flags": f, "copy": copy, "create": create]
        case .redirect(let address, let copy): return ["type": "redirect", "address": address, "copy": copy]
        case .reject(let reason, let extended): return ["type": extended ? "ereject" : "reject", "reason": reason]
        case .discard: return ["type": "discard"]
        case .vacation(let v):
            var body: [String: Any] = [:]
            switch v.body {
            case .text(let t): body = ["text": t]
            case .mime(let m): body = ["mime": m]
            }
            return ["type": "vacation", "recipient": v.recipient, "from": v.from as Any? ?? NSNull(), "subject": v.subject,
                    "body": body, "period_seconds": v.periodSeconds, "handle": v.handle,
                    "in_reply_to": v.inReplyTo as Any? ?? NSNull()]
        }
    }
}
