import Administration
import ArgumentParser
import Directory
import Durability
import Foundation
import IMAPServer
import MailClient
import MailStore
import PostinoServer
import Sync
import SyncStore
import Synchronization

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Copy a remote IMAP account into a local user (migration).",
        discussion: """
        A job copies every folder of a remote IMAP account into one local user, with flags, keywords, \
        internal dates and subscriptions. Runs are incremental and resumable: messages already copied \
        (or present locally with the same Message-ID, size and date) are skipped, remote flag changes are \
        applied. The local password is never needed; a remote administrator login (user*admin) avoids \
        needing the remote one. Passwords are stored as given (they must be sent) and never printed.
        """,
        subcommands: [Add.self, Run.self, List.self, Status.self, Remove.self, Set.self])

    static func administration(_ global: GlobalOptions) throws -> SyncAdministration {
        let admin = try global.administration()
        return SyncAdministration(administration: admin, store: try SQLiteSyncStore(mail: try mailStore(global, admin.directory)))
    }

    static func mailStore(_ global: GlobalOptions, _ directory: DirectoryStore) throws -> MailStore {
        let data = global.dataDirectory
        let barrier = try FileSystemSyncBarrier(directories: [data.mail])
        return try MailStore(database: directory.database, mailRoot: data.mail, barrier: barrier,
                             hostname: try directory.settings.get(.serverHostname), structureEncoder: IMAPCachedStructure.encoder)
    }

    /// Where the jobs' locks live: `serve` and the CLI take the same files.
    static func lockDirectory(_ global: GlobalOptions) -> URL {
        global.dataDirectory.root.appendingPathComponent("sync", isDirectory: true)
    }

    static func tlsMode(_ text: String) throws -> ClientTLSMode {
        guard let mode = ClientTLSMode(rawValue: text.lowercased()) else {
            throw ValidationError("--tls: use none, starttls or implicit")
        }
        return mode
    }

    struct Add: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add the sync job of a local user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The local user the mail is copied into.", valueName: "LOCALUSER")) var localUser: String
        @Option(help: ArgumentHelp("The remote IMAP server.", valueName: "HOST")) var host: String
        @Option(help: ArgumentHelp("Its port (default 143, 993 with implicit).", valueName: "PORT")) var port: Int?
        @Option(help: ArgumentHelp("none, starttls or implicit.", valueName: "MODE")) var tls: String
        @Option(name: .customLong("tls-verify"), help: ArgumentHelp("Verify the server's certificate (default on).", valueName: "on|off"))
        var tlsVerify: Switch = .on
        @Option(help: ArgumentHelp("The remote login whose mailbox is copied.", valueName: "REMOTELOGIN")) var user: String
        @Flag(name: .customLong("password-stdin"), help: "Read the remote user's password from the first line of stdin.")
        var passwordStdin = false
        @Option(name: .customLong("admin-user"), help: ArgumentHelp("A remote administrator (master user) that logs in as --user.", valueName: "ADMIN"))
        var adminUser: String?
        @Flag(name: .customLong("admin-password-stdin"), help: "Read the administrator's password from the first line of stdin.")
        var adminPasswordStdin = false
        @Option(name: .customLong("admin-separator"),
                help: ArgumentHelp("Between user and admin in the login name (default '*': user*admin); empty: SASL PLAIN authorization identity.", valueName: "SEP"))
        var adminSeparator = "*"
        @Flag(name: .customLong("delete-local-missing"), help: "Remove local copies of messages the remote no longer has.")
        var deleteLocalMissing = false
        @Flag(name: .customLong("expunge-remote"), help: "Delete remote messages once they are stored here.")
        var expungeRemote = false
        @Option(name: .customLong("include"), help: ArgumentHelp("Copy only folders matching (repeatable; * and ?).", valueName: "PATTERN"))
        var includes: [String] = []
        @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip folders matching (repeatable; * and ?).", valueName: "PATTERN"))
        var excludes: [String] = []

        func validate() throws {
            if passwordStdin == (adminUser != nil) {
                throw ValidationError("give --password-stdin, or --admin-user with --admin-password-stdin")
            }
            if (adminUser != nil) != adminPasswordStdin { throw ValidationError("--admin-user and --admin-password-stdin go together") }
        }

        func runAsync() async throws {
            let mode = try SyncCommand.tlsMode(tls)
            let password = passwordStdin ? try StandardInput.readSecret(what: "--password-stdin") : nil
            let adminPassword = adminPasswordStdin ? try StandardInput.readSecret(what: "--admin-password-stdin") : nil
            let job = SyncJob(localUser: localUser, host: host, port: port, tls: mode, verifyCertificate: tlsVerify.bool,
                              remoteUser: user, password: password, adminUser: adminUser, adminPassword: adminPassword,
                              adminSeparator: adminSeparator, deleteLocalMissing: deleteLocalMissing, expungeRemote: expungeRemote,
                              includes: includes, excludes: excludes)
            let added = try await SyncCommand.administration(global).add(job)
            print("sync job for \(added.localUser): \(added.remoteUser) at \(added.host):\(added.port) (tls \(added.tls.rawValue))")
        }
    }

    struct Set: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Enable or disable a sync job.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The job's local user.", valueName: "LOCALUSER")) var localUser: String
        @Option(help: ArgumentHelp("Whether the job may run.", valueName: "on|off")) var enabled: Switch

        func runAsync() async throws {
            let job = try await SyncCommand.administration(global).setEnabled(localUser, enabled.bool)
            print("sync job for \(job.localUser): enabled \(Output.onOff(job.enabled))")
        }
    }

    struct Remove: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a sync job and what it remembers (not the copied mail).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The job's local user.", valueName: "LOCALUSER")) var localUser: String

        func runAsync() async throws {
            try await SyncCommand.administration(global).remove(localUser)
            print("removed the sync job of \(localUser.lowercased())")
        }
    }

    struct List: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sync jobs.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let admin = try SyncCommand.administration(global)
            var rows: [[String: Any]] = []
            for job in try await admin.jobs() {
                rows.append(SyncCommand.row(job, try await admin.lastRun(job.localUser, lockDirectory: SyncCommand.lockDirectory(global))))
            }
            if output.json { return try Output.json(rows) }
            Output.table(["LOCALUSER", "REMOTE", "TLS", "LOGIN", "ENABLED", "LAST RUN"], rows.map { row in
                [row["local_user"] as! String, "\(row["remote_user"]!)@\(row["host"]!):\(row["port"]!)", row["tls"] as! String,
                 row["login"] as! String, Output.onOff(row["enabled"] as! Bool), (row["state"] as? String) ?? "never"]
            })
        }
    }

    struct Status: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the progress or result of the last run.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("One job's local user (default: every job).", valueName: "LOCALUSER")) var localUser: String?
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let admin = try SyncCommand.administration(global)
            let jobs = if let localUser { [try await admin.job(localUser)] } else { try await admin.jobs() }
            var rows: [[String: Any]] = []
            for job in jobs { rows.append(SyncCommand.row(job, try await admin.lastRun(job.localUser, lockDirectory: SyncCommand.lockDirectory(global)))) }
            if output.json { return try Output.json(localUser != nil ? rows[0] : rows) }
            for row in rows {
                guard row["state"] != nil else {
                    print("\(row["local_user"]!): never run")
                    continue
                }
                var line = "\(row["local_user"]!): \(row["state"]!), folders \(row["folders_done"]!)/\(row["folders_total"]!), "
                    + "copied \(row["copied"]!), skipped \(row["skipped"]!), failed \(row["failed"]!), "
                    + "flags updated \(row["flags_updated"]!), bytes \(row["bytes"]!)"
                if let error = row["error"] as? String { line += "; error: \(error)" }
                print(line)
            }
        }
    }

    /// A job and its last run as the JSON rows of `list` and `status` (the REST API's rows too).
    static func row(_ job: SyncJob, _ run: SyncRunStats?) -> [String: Any] {
        SyncAdministration.row(job, run)
    }

    struct Run: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a sync job now and print its progress and counts.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The job's local user.", valueName: "LOCALUSER")) var localUser: String
        @Flag(name: .customLong("dry-run"), help: "Count what would be copied; change nothing.")
        var dryRun = false
        @Option(help: ArgumentHelp("Folders copied at the same time (default 4).", valueName: "N")) var parallel: Int = 4
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let admin = try SyncCommand.administration(global)
            let job = try await admin.job(localUser)
            guard job.enabled || dryRun else { throw CLIError("the sync job of \(job.localUser) is disabled (sync set --enabled on)") }
            var options = SyncOptions(dryRun: dryRun)
            options.parallelFolders = max(1, parallel)
            let mail = try SyncCommand.mailStore(global, admin.administration.directory)
            let printer = SyncProgressPrinter(terminal: isatty(STDERR_FILENO) == 1, quiet: output.json)
            let lockDirectory = SyncCommand.lockDirectory(global)
            guard let stats = try await admin.run(job.localUser, mail: mail, lockDirectory: lockDirectory, options: options,
                                                  progress: { stats, folder in printer.show(stats, folder: folder) }) else {
                throw CLIError("the sync job of \(job.localUser) is running already")
            }
            printer.finish()
            if output.json {
                try Output.json(SyncCommand.row(job, stats))
            } else {
                let rates = stats.rates(now: Date().timeIntervalSince1970)
                print("\(job.localUser): \(stats.state.rawValue)\(dryRun ? " (dry run)" : ""), folders \(stats.foldersDone)/\(stats.foldersTotal), "
                      + "\(dryRun ? "to copy" : "copied") \(stats.copied), skipped \(stats.skipped), failed \(stats.failed), "
                      + "flags updated \(stats.flagsUpdated), deleted locally \(stats.deletedLocal), expunged remotely \(stats.expungedRemote), "
                      + "\(stats.bytes) bytes, \(String(format: "%.1f", rates.messages)) msg/s, "
                      + "\(String(format: "%.2f", rates.bytes / 1_048_576)) MB/s")
                if let error = stats.error { FileHandle.standardError.write(Data("postino: sync: \(error)\n".utf8)) }
            }
            if stats.state != .finished { throw ExitCode(1) }
        }
    }
}

/// Progress on stderr: a bar redrawn in place on a terminal, one line per folder otherwise.
final class SyncProgressPrinter: Sendable {
    let terminal: Bool
    let quiet: Bool
    private let lastDraw = Mutex(0.0)

    init(terminal: Bool, quiet: Bool) {
        self.terminal = terminal
        self.quiet = quiet
    }

    func show(_ stats: SyncRunStats, folder: String?) {
        guard !quiet else { return }
        let now = Date().timeIntervalSince1970
        if terminal {
            let due = lastDraw.withLock { last -> Bool in
                guard folder != nil || now - last > 0.2 else { return false }
                last = now
                return true
            }
            guard due else { return }
            let total = max(stats.messagesTotal, 1)
            let done = stats.copied + stats.skipped + stats.failed
            let width = 30
            let filled = min(width, width * done / total)
            let eta = stats.eta(now: now).map { " ETA \(Int($0))s" } ?? ""
            let line = "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] "
                + "folders \(stats.foldersDone)/\(stats.foldersTotal) copied \(stats.copied) skipped \(stats.skipped) "
                + "failed \(stats.failed) \(stats.bytes / 1024) KiB \(String(format: "%.0f", stats.rates(now: now).messages)) msg/s\(eta)"
            FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
        } else if let folder {
            let error = stats.folderErrors[folder].map { " error: \($0)" } ?? ""
            FileHandle.standardError.write(Data(
                "sync: folder \(folder) done (\(stats.foldersDone)/\(stats.foldersTotal)): copied \(stats.copied), skipped \(stats.skipped), failed \(stats.failed)\(error)\n".utf8))
        }
    }

    func finish() {
        if terminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
