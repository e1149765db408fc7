import Administration
import ArgumentParser
import Connectors
import ConnectorStore
import Foundation
import PostinoServer

struct ConnectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector", abstract: "Fetch external POP3/IMAP accounts into local mailboxes.",
        discussion: """
        A connector fetches an external mailbox on a schedule (serve) or now (connector run) and delivers \
        its messages to a local user through the content filter, like mail received on port 25. Nothing is \
        fetched twice; nothing is deleted remotely before it is stored here; a message the filter refuses \
        stays on the remote server and is not fetched again. Passwords are stored as given (they must be \
        sent) and never printed.
        """,
        subcommands: [Add.self, Set.self, List.self, Remove.self, Check.self, Run.self])

    static func administration(_ global: GlobalOptions) throws -> ConnectorAdministration {
        let admin = try global.administration()
        return ConnectorAdministration(administration: admin, store: try SQLiteConnectorStore(database: admin.directory.database))
    }

    /// The options `add` and `set` share.
    struct AccountOptions: ParsableArguments {
        @Option(help: ArgumentHelp("pop3 or imap.", valueName: "PROTOCOL")) var `protocol`: String?
        @Option(help: ArgumentHelp("The remote server.", valueName: "HOST")) var host: String?
        @Option(help: ArgumentHelp("Its port (default 110/995 for POP3, 143/993 for IMAP).", valueName: "PORT")) var port: Int?
        @Option(help: ArgumentHelp("none, starttls or implicit.", valueName: "MODE")) var tls: String?
        @Option(name: .customLong("tls-verify"), help: ArgumentHelp("Verify the server's certificate (default on).", valueName: "on|off"))
        var tlsVerify: String?
        @Option(help: ArgumentHelp("The remote login.", valueName: "LOGIN")) var user: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the remote password from the first line of stdin.")
        var passwordStdin = false
        @Option(name: .customLong("deliver-to"), help: ArgumentHelp("The local user who gets the messages.", valueName: "LOCALUSER"))
        var deliverTo: String?
        @Option(help: ArgumentHelp("After fetching: keep (default), delete, or delete after DAYS days.", valueName: "keep|delete|DAYS"))
        var remote: String?
        @Option(help: ArgumentHelp("Antispam checks (default on).", valueName: "on|off")) var antispam: String?
        @Option(help: ArgumentHelp("Antivirus checks (default on).", valueName: "on|off")) var antivirus: String?
        @Option(help: ArgumentHelp("Minutes between fetches (default 5).", valueName: "MINUTES")) var interval: Int?
        @Option(help: ArgumentHelp("IMAP folder (default INBOX).", valueName: "NAME")) var folder: String?
        @Option(help: ArgumentHelp("Fetch on the schedule (default on).", valueName: "on|off")) var enabled: String?

        func changes() throws -> ConnectorChanges {
            var changes = ConnectorChanges()
            changes.protocol = `protocol`
            changes.host = host
            changes.port = port
            changes.tls = tls
            changes.tlsVerify = tlsVerify
            changes.user = user
            changes.password = passwordStdin ? try StandardInput.readSecret(what: "--password-stdin") : nil
            changes.deliverTo = deliverTo
            changes.remote = remote
            changes.antispam = antispam
            changes.antivirus = antivirus
            changes.interval = interval
            changes.folder = folder
            changes.enabled = enabled
            return changes
        }
    }

    /// Checks an account just saved; a failure is reported and makes the exit status 1.
    static func checkSaved(_ admin: ConnectorAdministration, _ email: String) async throws {
        let result = try await admin.check(email)
        if result.ok {
            print("check: connected and logged in")
        } else {
            FileHandle.standardError.write(Data("postino: check of \(email) failed (\(result.failure ?? "error")): \(result.message ?? "")\n".utf8))
            throw ExitCode(1)
        }
    }

    struct Add: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account (then check it: connect, TLS, login).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The external account's address (its id).", valueName: "EMAIL")) var email: String
        @OptionGroup var options: AccountOptions
        @Flag(name: .customLong("no-check"), help: "Do not connect to check the account.") var noCheck = false

        func validate() throws {
            if !options.passwordStdin { throw ValidationError("--password-stdin is required (the password is read from stdin)") }
        }

        func runAsync() async throws {
            let admin = try ConnectorCommand.administration(global)
            let account = try await admin.add(email, try options.changes())
            print("connector \(account.email): \(account.remoteProtocol.rawValue) \(account.host):\(account.port) (tls \(account.tls.rawValue)) -> \(account.deliverTo)")
            if !noCheck { try await ConnectorCommand.checkSaved(admin, account.email) }
        }
    }

    struct Set: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change an account (then check it).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The account's address.", valueName: "EMAIL")) var email: String
        @OptionGroup var options: AccountOptions
        @Flag(name: .customLong("no-check"), help: "Do not connect to check the account.") var noCheck = false

        func runAsync() async throws {
            let admin = try ConnectorCommand.administration(global)
            let account = try await admin.update(email, try options.changes())
            print("connector \(account.email) updated")
            if !noCheck && account.enabled { try await ConnectorCommand.checkSaved(admin, account.email) }
        }
    }

    struct List: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts and their status.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let rows = try await ConnectorCommand.administration(global).list()
            if output.json { return try Output.json(rows) }
            Output.table(["EMAIL", "PROTOCOL", "SERVER", "TLS", "TO", "REMOTE", "EVERY", "ON", "LAST RUN", "FETCHED", "LAST ERROR"],
                         rows.map { r in
                [r.email, r.protocol, "\(r.host):\(r.port)", r.tls + (r.tls_verify ? "" : " (no verify)"), r.deliver_to, r.remote,
                 "\(r.interval)m", Output.onOff(r.enabled), r.last_run ?? "-", "\(r.fetched_total) (\(r.fetched_last_run))",
                 r.last_error ?? "-"]
            })
        }
    }

    struct Remove: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account and what it remembers (fetched mail stays).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The account's address.", valueName: "EMAIL")) var email: String

        func runAsync() async throws {
            try await ConnectorCommand.administration(global).remove(email)
            print("removed connector \(email.lowercased())")
        }
    }

    struct Check: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Connect, start TLS and log in; say what failed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The account's address.", valueName: "EMAIL")) var email: String
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let result = try await ConnectorCommand.administration(global).check(email)
            if output.json {
                try Output.json(result)
            } else if result.ok {
                print("\(result.email): ok (connected and logged in)")
            }
            if !result.ok {
                if !output.json {
                    FileHandle.standardError.write(Data("postino: \(result.email): \(result.failure ?? "error"): \(result.message ?? "")\n".utf8))
                }
                throw ExitCode(1)
            }
        }
    }

    struct Run: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Fetch now (one account, or every enabled one) and print the counts.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The account's address (default: every enabled account).", valueName: "EMAIL"))
        var email: String?
        @OptionGroup var output: OutputOptions

        func runAsync() async throws {
            let admin = try ConnectorCommand.administration(global)
            let accounts = if let email { [try await admin.account(email)] } else {
                try await admin.store.accounts().filter(\.enabled)
            }
            let reports = try await ConnectorCommandRuntime.run(dataDirectory: global.dataDirectory,
                                                                 directory: admin.administration.directory, accounts: accounts)
            if output.json {
                try Output.json(reports)
            } else {
                for r in reports {
                    var line = "\(r.account): fetched \(r.fetched), refused \(r.refused), deferred \(r.deferred), deleted \(r.deleted), known \(r.known)"
                    if let error = r.error { line += "; error (\(r.errorKind ?? "error")): \(error)" }
                    print(line)
                }
            }
            if reports.contains(where: { !$0.succeeded }) { throw ExitCode(1) }
        }
    }
}
