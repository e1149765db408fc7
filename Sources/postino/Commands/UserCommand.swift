import ArgumentParser
import Directory
import MailCore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users (each has a personal mailbox, NAME@every-local-domain).",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
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
            let password: PasswordInput
            if passwordStdin { password = .plain(try StandardInput.readSecret(what: "--password-stdin")) }
            else if let passwordHash { password = .hash(passwordHash) }
            else { password = .none }
            let quotaBytes = try quota.map { try parseQuota($0) } ?? nil
            let store = try global.openDirectory()
            let user = try store.addUser(name, password: password, quota: quotaBytes)
            print("added user \(user.name)" + (user.hasPassword ? "" : " (no password yet: set one with user passwd)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their quota usage.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row {
            var name: String
            var administrator: Bool
            var imap: Bool
            var pop3: Bool
            var smtp_auth: Bool
            var forwards: [String]
            var keep_copy: Bool
            /// Bytes; null = unlimited.
            var quota: Int64?
            var quota_used: Int64
            var spam_retention_days: Int
            var has_password: Bool
        }

        func run() throws {
            let store = try global.openDirectory()
            let defaultQuota = try store.settings.size(.defaultQuota)
            let defaultRetention = try store.settings.int(.spamRetentionDays)
            let rows = try store.users().map { u in
                Row(name: u.name, administrator: u.isAdministrator, imap: u.imapEnabled, pop3: u.pop3Enabled,
                    smtp_auth: u.smtpAuthEnabled, forwards: u.forwards.map(\.description), keep_copy: u.keepCopy,
                    quota: u.effectiveQuota(defaultQuota: defaultQuota), quota_used: u.quotaUsedBytes,
                    spam_retention_days: u.spamRetentionDays ?? defaultRetention, has_password: u.hasPassword)
            }
            if output.json { return try Output.json(rows) }
            Output.table(["USER", "QUOTA USED", "IMAP", "POP3", "SMTP-AUTH", "FORWARDS"], rows.map { r in
                let usage = r.quota.map { limit in
                    "\(ValueSyntax.formatSize(r.quota_used)) / \(ValueSyntax.formatSize(limit)) (\(r.quota_used * 100 / max(limit, 1))%)"
                } ?? "\(ValueSyntax.formatSize(r.quota_used)) / unlimited"
                let forwards = r.forwards.isEmpty ? "-" : r.forwards.joined(separator: ",") + (r.keep_copy ? " (keep copy)" : "")
                return [r.name + (r.administrator ? " (admin)" : ""), usage, Output.onOff(r.imap),
                        Output.onOff(r.pop3), Output.onOff(r.smtp_auth), forwards]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user (their stored mail stays on disk).")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        func run() throws {
            try global.openDirectory().removeUser(name)
            print("removed user \(name.lowercased())")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.")
        var passwordStdin = false

        func validate() throws {
            if !passwordStdin { throw ValidationError("give the new password on stdin with --password-stdin") }
        }

        func run() throws {
            let password = try StandardInput.readSecret(what: "--password-stdin")
            try global.openDirectory().setPassword(name, .plain(password))
            print("password changed for \(name.lowercased())")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user's access, forwarding, quota or spam retention.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option var imap: Switch?
        @Option var pop3: Switch?
        @Option(name: .customLong("smtp-auth")) var smtpAuth: Switch?
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
            var update = UserUpdate()
            if let imap { update.imapEnabled = imap.bool }
            if let pop3 { update.pop3Enabled = pop3.bool }
            if let smtpAuth { update.smtpAuthEnabled = smtpAuth.bool }
            if !forward.isEmpty { update.forwards = try forward.map { try parseAddress($0, option: "--forward") } }
            if noForward { update.forwards = [] }
            if let keepCopy { update.keepCopy = keepCopy.bool }
            if let quota { update.quota = .some(try parseQuota(quota)) }
            if let spamRetention {
                if spamRetention == "default" { update.spamRetentionDays = .some(nil) } else {
                    guard let days = Int(spamRetention), SettingKey.spamRetentionRange.contains(Int64(days)) else {
                        throw CLIError("--spam-retention: expected a number of days (0-3650) or default, got \"\(spamRetention)\"")
                    }
                    update.spamRetentionDays = .some(days)
                }
            }
            try global.openDirectory().updateUser(name, update)
            print("updated user \(name.lowercased())")
        }
    }
}

/// `2G` → bytes; `none`/`unlimited` → 0 (unlimited); `default` → nil (quota.default).
func parseQuota(_ text: String) throws -> Int64? {
    switch text.lowercased() {
    case "none", "unlimited": return 0
    case "default": return nil
    default:
        guard let bytes = ValueSyntax.parseSize(text) else {
            throw CLIError("--quota: expected a size like 500M or 2G, or none, got \"\(text)\"")
        }
        return bytes
    }
}
