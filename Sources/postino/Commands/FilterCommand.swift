import Antispam
import AntispamStore
import ArgumentParser
import Directory
import Durability
import Filter
import FilterStore
import Foundation
import Intake
import Logging
import MailAuth
import Spool

/// `postino filter`: access rules, the antivirus status, and scanning stored messages.
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "The content filter: access rules, antivirus status, scanning messages.",
        discussion: """
        Settings: filter.attachments.*, filter.antivirus.*, filter.quarantine.*, filter.time_budget \
        (see `postino settings list`).
        """,
        subcommands: [RuleCommand.self, FilterStatusCommand.self, FilterScanCommand.self, FilterHistoryCommand.self])

    static func state(_ global: GlobalOptions) throws -> (DirectoryStore, SQLiteFilterState) {
        let directory = try global.openDirectory()
        return (directory, try SQLiteFilterState(database: directory.database))
    }
}

struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule", abstract: "Allow from, Allow to and Block from rules.",
        discussion: """
        A value is an address (user@example.com) or a domain (example.com, which also matches its \
        subdomains). Block from matches the envelope sender or the From header address; Allow from the \
        envelope sender only; Allow to applies when every recipient is allowed. Allow beats Block. \
        Warning: an allowed message skips the antivirus and the antispam checks (not the attachment blocker).
        """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a rule (or change a block rule's action).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("allow-from, allow-to or block-from.", valueName: "KIND")) var kind: AccessRule.Kind
        @Argument(help: ArgumentHelp("An address or a domain.", valueName: "VALUE")) var value: String
        @Option(help: "What a block rule does: reject (554 5.7.1, the default) or quarantine.")
        var action: AccessRule.BlockAction = .reject

        func runAsync() async throws {
            if let problem = AccessRule.validate(value) { throw CLIError("\(value): \(problem)") }
            if kind != .blockFrom && action != .reject { throw CLIError("--action applies to block-from rules only") }
            let (_, state) = try FilterCommand.state(global)
            let rule = AccessRule(kind: kind, value: value, action: action)
            try await state.addRule(rule)
            print("\(rule.kind.rawValue) \(rule.value)" + (kind == .blockFrom ? " (\(rule.action.rawValue))" : ""))
        }
    }

    struct List: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row {
            var kind: String
            var value: String
            var action: String?
        }

        func runAsync() async throws {
            let (_, state) = try FilterCommand.state(global)
            let rows = try await state.rules().map { Row(kind: $0.kind.rawValue, value: $0.value, action: $0.kind == .blockFrom ? $0.action.rawValue : nil) }
            if output.json { return try Output.json(rows) }
            Output.table(["KIND", "VALUE", "ACTION"], rows.map { [$0.kind, $0.value, $0.action ?? "-"] })
        }
    }

    struct Remove: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a rule.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("allow-from, allow-to or block-from.", valueName: "KIND")) var kind: AccessRule.Kind
        @Argument(help: ArgumentHelp("The rule's address or domain.", valueName: "VALUE")) var value: String

        func runAsync() async throws {
            let (_, state) = try FilterCommand.state(global)
            guard try await state.removeRule(kind: kind, value: value) else { throw CLIError("no \(kind.rawValue) rule for \(value)") }
            print("removed \(kind.rawValue) \(value.lowercased())")
        }
    }
}

extension AccessRule.Kind: ExpressibleByArgument {}
extension AccessRule.BlockAction: ExpressibleByArgument {}

/// `postino filter status`: the switches and whether clamd answers.
struct FilterStatusCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the filter's switches and clamd's state.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    struct Status {
        var attachments: Bool
        var attachments_block: [String]
        var attachments_extensions: [String]
        var antivirus: Bool
        var clamd: String
        var clamd_answers: Bool
        var clamd_version: String?
        var clamd_error: String?
        var quarantine: Bool
        var quarantine_mailbox: String
        var rules: Int
    }

    func runAsync() async throws {
        let (directory, state) = try FilterCommand.state(global)
        let settings = try FilterSettings.load(directory)
        var version: String?
        var failure: String?
        if !settings.clamd.isEmpty {
            do { version = try ClamdClient(endpoint: settings.clamd, timeout: 5).version() } catch { failure = "\(error)" }
        }
        let status = Status(
            attachments: settings.attachmentsEnabled, attachments_block: settings.attachments.blocked.map(\.rawValue).sorted(),
            attachments_extensions: settings.attachments.extensions.sorted(), antivirus: settings.antivirusEnabled,
            clamd: settings.clamd, clamd_answers: version != nil, clamd_version: version, clamd_error: failure,
            quarantine: settings.quarantineEnabled, quarantine_mailbox: settings.quarantineMailbox,
            rules: try await state.rules().count)
        if output.json { return try Output.json(status) }
        print("attachments: \(status.attachments ? "on" : "off") (block \(status.attachments_block.joined(separator: ","))\(status.attachments_extensions.isEmpty ? "" : "; extensions " + status.attachments_extensions.joined(separator: ",")))")
        let clamd = status.clamd.isEmpty ? "not set" : status.clamd + (version.map { " answers: \($0)" } ?? " does not answer: \(failure ?? "")")
        print("antivirus: \(status.antivirus ? "on" : "off"), clamd \(clamd)")
        print("quarantine: \(status.quarantine ? "on, into \(status.quarantine_mailbox)" : "off")")
        print("access rules: \(status.rules)")
    }
}

/// `postino filter history`: the last verdicts of the running server (kept across restarts).
struct FilterHistoryCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show the last filter verdicts (at most 1,000 are kept).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many verdicts, newest first.") var limit = 20

    func runAsync() async throws {
        let (_, state) = try FilterCommand.state(global)
        let entries = try await state.history(limit: max(1, limit))
        if output.json { return try Output.json(entries) }
        let formatter = ISO8601DateFormatter()
        Output.table(["TIME", "QID", "ACTION", "SCORE", "SENDER", "RECIPIENTS", "SYMBOLS"], entries.map { entry in
            [formatter.string(from: Date(timeIntervalSince1970: entry.time)), entry.queueID, entry.action,
             String(format: "%.2f", entry.score), "<\(entry.sender)>", entry.recipients.joined(separator: ","),
             entry.symbols.map(\.name).joined(separator: " ")]
        })
    }
}

/// `postino filter scan FILE…`: the whole filter on stored messages, without SMTP.
struct FilterScanCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Run the filter on message files and print each verdict.",
        discussion: """
        With --json: one object per file (an array when several files are given) with file, action, \
        score, symbols [{name, weight, detail}] and time_ms. Exits 0 when every file was scanned, \
        whatever the verdicts.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Envelope sender.", valueName: "ADDR")) var from: String = ""
    @Option(help: ArgumentHelp("Envelope recipient (repeatable).", valueName: "ADDR")) var to: [String] = []
    @Option(help: ArgumentHelp("Client IP address.", valueName: "IP")) var ip: String = "192.0.2.1"
    @Option(help: ArgumentHelp("Client HELO name.", valueName: "NAME")) var helo: String = "unknown"
    @Flag(name: .customLong("no-network"), help: "Skip every check that needs the network (clamd, DNS).")
    var noNetwork = false
    @OptionGroup var resolverOptions: ResolverOptions
    @Argument(help: ArgumentHelp("Message files.", valueName: "FILE")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one message FILE") }
    }

    struct Verdict: Encodable {
        var file: String
        var action: String
        var score: Double
        var symbols: [ScoreSymbol]
        var time_ms: Double
        @NullWhenAbsent var reply: String?
        @NullWhenAbsent var authentication_results: String?
    }

    func runAsync() async throws {
        // One message at a time, nothing else running: its blocking reads may stay on this thread.
        try await BlockingIO.inline { try await scan() }
    }

    func scan() async throws {
        let (directory, state) = try FilterCommand.state(global)
        let logger = Logger(label: "postino/filter") { _ in SwiftLogNoOpLogHandler() }
        let dns = ResolverMailAuthDNS(resolver: try resolverOptions.makeResolver(global: global))
        let offline = noNetwork
        let hostname = try directory.settings.string(.serverHostname)
        let spam = try SpamEngine(bayes: try SQLiteBayesStore(database: directory.database),
                                  identity: LocalIdentity(hostnames: [hostname]))
        // Greylisting needs an SMTP client that retries: never in a scan.
        let filter = ContentFilter(directory: directory, store: state, logger: logger, authenticator: { seconds in
            InboundAuthenticator(dns: dns, timeout: .milliseconds(Int64(seconds * 1000)), noNetwork: offline)
        }, spam: spam)
        let stages = filter.stages.filter { !(noNetwork && $0 is AntivirusStage) }
        var verdicts: [Verdict] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let envelope = IntakeEnvelope(sender: from, recipients: to, deliveries: [], clientAddress: ip, heloName: helo)
            var context = IntakeContext(queueID: QueueID.generate(), origin: .mx, envelope: envelope)
            let run = await IntakePipeline.evaluate(stages, IntakeMessage(bytes: [UInt8](data)), &context)
            let verdict = run.verdict
            verdicts.append(Verdict(
                file: file, action: verdict.action.rawValue, score: (verdict.score * 100).rounded() / 100,
                symbols: verdict.symbols,
                time_ms: Double(verdict.milliseconds), reply: verdict.reply?.description,
                authentication_results: verdict.marks[FilterMarks.authenticationResults]))
            if !output.json { print("\(file): \(FilterVerdictLog.line(verdict))") }
        }
        if output.json {
            print(verdicts.count == 1 ? try Output.jsonText(verdicts[0], pretty: true) : try Output.jsonText(verdicts, pretty: true))
        }
    }
}
