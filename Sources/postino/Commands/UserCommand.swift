import Administration
import ArgumentParser
import Directory

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users (each has a personal mailbox, NAME@every-local-domain).",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.")
        var passwordStdin = false
        @Option(name: .customLong("password-hash"), help: ArgumentHelp("Import an existing crypt(3) hash ($6$, $y$, $2b$…) as it is.", valueName: "HASH"))
        var passwordHash: String?
        @Option(help: ArgumentHelp("Mailbox quota, e.g. 2G (default: quota.default).", valueName: "SIZE"))
        var quota: String?

        func validate() throws {
            if passwordStdin && passwordHash != nil { throw ValidationError("--password-stdin and --password-hash are exclusive") }
        }

        func run() throws {
            let password: NewPassword
            if passwordStdin { password = .plain(try StandardInput.readSecret(what: "--password-stdin")) }
            else if let passwordHash { password = .hash(passwordHash) }
            else { password = .none }
            let parsedQuota = try quota.map { text throws(AdminError) in try AdminInput.quota(text) }
            let user = try global.administration().addUser(name, password: password, quota: parsedQuota)
            print("added user \(user.name)" + (user.has_password ? "" : " (no password yet: set one with user passwd)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users with their quota usage.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().users()
            if output.json { return try Output.json(rows) }
            Output.table(["USER", "QUOTA USED", "IMAP", "POP3", "SMTP-AUTH", "FORWARDS"], rows.map { r in
                // In the quota's units (503K / 100M); --json keeps bytes.
                let usage = r.quota.map { limit in
                    "\(SizeDisplay.approximate(r.quota_used)) / \(ValueSyntax.formatSize(limit)) (\(r.quota_used * 100 / max(limit, 1))%)"
                } ?? "\(SizeDisplay.approximate(r.quota_used)) / unlimited"
                let forwards = r.forwards.isEmpty ? "-" : r.forwards.joined(separator: ",") + (r.keep_copy ? " (keep copy)" : "")
                return [r.name + (r.administrator ? " (admin)" : ""), usage, Output.onOff(r.imap),
                        Output.onOff(r.pop3), Output.onOff(r.smtp_auth), forwards]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user (their stored mail stays on disk).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        func run() throws {
            try global.administration().removeUser(name)
            print("removed user \(name.lowercased())")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.")
        var passwordStdin = false

        func validate() throws {
            if !passwordStdin { throw ValidationError("give the new password on stdin with --password-stdin") }
        }

        func run() throws {
            let password = try StandardInput.readSecret(what: "--password-stdin")
            try global.administration().setPassword(name, password)
            print("password changed for \(name.lowercased())")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a user's access, forwarding, quota or spam retention.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option var imap: Switch?
        @Option var pop3: Switch?
        @Option(name: .customLong("smtp-auth")) var smtpAuth: Switch?
        @Option(help: "Administrator: may use the admin web UI and REST API.") var admin: Switch?
        @Option(help: ArgumentHelp("Forward mail to this address (repeatable; replaces the list).", valueName: "ADDR"))
        var forward: [String] = []
        @Flag(name: .customLong("no-forward"), help: "Stop forwarding.") var noForward = false
        @Option(name: .customLong("keep-copy"), help: "Keep a local copy of forwarded mail.") var keepCopy: Switch?
        @Option(help: ArgumentHelp("Quota such as 2G, or none for unlimited.", valueName: "SIZE|none"))
        var quota: String?
        @Option(name: .customLong("spam-retention"), help: ArgumentHelp("Days spam stays in Junk, or default.", valueName: "DAYS|default"))
        var spamRetention: String?

        func validate() throws {
            if !forward.isEmpty && noForward { throw ValidationError("--forward and --no-forward are exclusive") }
        }

        func run() throws {
            var changes = UserChanges()
            if let imap { changes.imap = imap.bool }
            if let pop3 { changes.pop3 = pop3.bool }
            if let smtpAuth { changes.smtpAuth = smtpAuth.bool }
            if let admin { changes.administrator = admin.bool }
            if !forward.isEmpty { changes.forwards = try forward.map { text throws(AdminError) in try AdminInput.address(text, label: "--forward") } }
            if noForward { changes.forwards = [] }
            if let keepCopy { changes.keepCopy = keepCopy.bool }
            if let quota { changes.quota = try AdminInput.quota(quota) }
            if let spamRetention { changes.spamRetentionDays = .some(try AdminInput.spamRetention(spamRetention)) }
            try global.administration().updateUser(name, changes)
            print("updated user \(name.lowercased())")
        }
    }
}
