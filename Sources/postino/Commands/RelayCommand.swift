import Administration
import ArgumentParser
import Foundation
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

        func relayHost() throws -> RelayHost {
            let password = passwordStdin ? try StandardInput.readSecret(what: "--password-stdin") : nil
            return RelayHost(host: host, port: port, user: user, password: password, tls: tls)
        }
    }

    /// `(tls starttls, user bob)`.
    static func describe(_ rule: RelayRuleRow) -> String {
        "(tls \(rule.tls)\(rule.user.map { ", user \($0)" } ?? ""))"
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Send the mail of a sender address or domain through a relay host.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("A sender address (alice@example.com) or domain (example.com).", valueName: "SENDER-OR-DOMAIN"))
        var sender: String
        @OptionGroup var host: HostOptions

        func run() throws {
            guard sender.trimmingCharacters(in: .whitespaces) != RelayRule.smarthostKey else {
                throw CLIError("use `postino relay smarthost set` for the default relay host")
            }
            let relayHost = try host.relayHost()
            let rule = try global.administration().addRelayRule(sender: sender, relayHost)
            print("mail from \(rule.sender) goes through \(rule.endpoint) \(RelayCommand.describe(rule))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List relay host rules and the default relay host.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().relayRules()
            if output.json { return try Output.json(rows) }
            Output.table(["SENDER", "HOST", "PORT", "TLS", "USER"], rows.map { r in
                [r.isSmarthost ? "* (smarthost)" : r.sender, r.host, "\(r.port)", r.tls, r.user ?? "-"]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove the relay host rule of a sender address or domain.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The sender address or domain of the rule.", valueName: "SENDER-OR-DOMAIN")) var sender: String

        func run() throws {
            let key = try global.administration().removeRelayRule(sender: sender)
            print("removed relay host rule for \(key)")
        }
    }

    struct Smarthost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "smarthost",
            abstract: "Set or remove the default relay host, which takes what no rule matches.",
            subcommands: [Set.self, Off.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Send all other outgoing mail through this host.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var host: HostOptions

            func run() throws {
                let relayHost = try host.relayHost()
                let rule = try global.administration().setSmarthost(relayHost)
                print("default relay host: \(rule.endpoint) \(RelayCommand.describe(rule))")
            }
        }

        struct Off: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "off", abstract: "Deliver what no rule matches directly (by MX) again.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                guard try global.administration().removeSmarthost() else {
                    print("no default relay host was set")
                    return
                }
                print("default relay host removed: mail goes directly to the recipients' servers")
            }
        }
    }
}

extension RelayTLSMode: ExpressibleByArgument {}
