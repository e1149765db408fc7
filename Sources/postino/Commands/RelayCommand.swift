import ArgumentParser
import Foundation
import Directory
import Queue

struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay", abstract: "Route outgoing mail through relay hosts.",
        discussion: """
        A rule sends the mail of one sender address or sender domain through a host; the default \
        relay host (smarthost) takes the rest. Passwords are stored in the database as given, because \
        they must be sent to the relay host.
        """,
        subcommands: [Add.self, List.self, Remove.self, Smarthost.self])

    /// `--host`, `--port`, `--user`, `--password-stdin`, `--tls`, shared by `add` and `smarthost set`.
    struct HostOptions: ParsableArguments {
        @Option(help: ArgumentHelp("The relay host's name or IP address.", valueName: "HOST")) var host: String
        @Option(help: ArgumentHelp("Its port (default 25, 587 with starttls, 465 with implicit).", valueName: "PORT"))
        var port: Int?
        @Option(help: ArgumentHelp("Log in with this user name (AUTH PLAIN or LOGIN).", valueName: "USER")) var user: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.")
        var passwordStdin = false
        @Option(help: ArgumentHelp("Encryption: none, starttls (required) or implicit (default starttls).", valueName: "MODE"))
        var tls: RelayTLSMode = .starttls

        func validate() throws {
            if (user == nil) != !passwordStdin { throw ValidationError("--user and --password-stdin go together") }
        }

        func rule(sender: String) throws -> RelayRule {
            let password = passwordStdin ? try StandardInput.readSecret(what: "--password-stdin") : nil
            return try RelayRule.validated(sender: sender, host: host, port: port, username: user, password: password, tls: tls)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send the mail of a sender address or domain through a relay host.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("A sender address (alice@example.com) or domain (example.com).", valueName: "SENDER-OR-DOMAIN"))
        var sender: String
        @OptionGroup var host: HostOptions

        func run() throws {
            guard sender.trimmingCharacters(in: .whitespaces) != RelayRule.smarthostKey else {
                throw CLIError("use `postino relay smarthost set` for the default relay host")
            }
            let rule = try host.rule(sender: sender)
            try RelayRuleStore(database: global.openDirectory().database).save(rule)
            print("mail from \(rule.sender) goes through \(rule.endpoint) (tls \(rule.tls.rawValue)\(rule.username.map { ", user \($0)" } ?? ""))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List relay host rules and the default relay host.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row {
            var sender: String
            var host: String
            var port: Int
            var tls: String
            var user: String?
        }

        func run() throws {
            let rules = try RelayRuleStore(database: global.openDirectory().database).rules().rules
            let rows = rules.map { Row(sender: $0.sender, host: $0.host, port: $0.port, tls: $0.tls.rawValue, user: $0.username) }
            if output.json { return try Output.json(rows) }
            Output.table(["SENDER", "HOST", "PORT", "TLS", "USER"], rows.map { r in
                [r.sender == RelayRule.smarthostKey ? "* (smarthost)" : r.sender, r.host, "\(r.port)", r.tls, r.user ?? "-"]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the relay host rule of a sender address or domain.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The sender address or domain of the rule.", valueName: "SENDER-OR-DOMAIN")) var sender: String

        func run() throws {
            let key = try RelayRule.senderKey(sender)
            try RelayRuleStore(database: global.openDirectory().database).remove(key)
            print("removed relay host rule for \(key)")
        }
    }

    struct Smarthost: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set or remove the default relay host, which takes what no rule matches.",
            subcommands: [Set.self, Off.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Send all other outgoing mail through this host.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var host: HostOptions

            func run() throws {
                let rule = try host.rule(sender: RelayRule.smarthostKey)
                try RelayRuleStore(database: global.openDirectory().database).save(rule)
                print("default relay host: \(rule.endpoint) (tls \(rule.tls.rawValue)\(rule.username.map { ", user \($0)" } ?? ""))")
            }
        }

        struct Off: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Deliver what no rule matches directly (by MX) again.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                do {
                    try RelayRuleStore(database: global.openDirectory().database).remove(RelayRule.smarthostKey)
                } catch RelayRuleError.notFound {
                    print("no default relay host was set")
                    return
                }
                print("default relay host removed: mail goes directly to the recipients' servers")
            }
        }
    }
}

extension RelayTLSMode: ExpressibleByArgument {}
