import Administration
import ArgumentParser
import Foundation

struct DomainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain", abstract: "Manage mail domains.",
        subcommands: [Add.self, List.self, Remove.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a domain that delivers locally, or relays to another server.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The domain name, e.g. example.com.") var domain: String
        @Option(name: .customLong("relay-to"), help: ArgumentHelp("Relay its mail to this server instead of storing it.", valueName: "HOST[:PORT]"))
        var relayTo: String?
        @Option(name: .customLong("relay-tls"), help: ArgumentHelp("TLS to the relay host: none, may (STARTTLS when offered, the default), starttls (must succeed) or implicit.", valueName: "MODE"))
        var relayTLS: String?
        @Flag(name: .customLong("allow-single-label"), help: "Accept a domain without a dot (e.g. a LAN's own name).")
        var allowSingleLabel = false

        func validate() throws {
            if relayTLS != nil && relayTo == nil { throw ValidationError("--relay-tls needs --relay-to") }
        }

        func run() throws {
            let admin = try global.administration()
            let relay = try relayTo.map { text throws(AdminError) in try AdminInput.relayTarget(text, tls: relayTLS) }
            let added = try admin.addDomain(domain, relayTo: relay, allowSingleLabel: allowSingleLabel)
            print(relay.map { "added domain \(added.name), relayed to \($0)" } ?? "added domain \(added.name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List domains.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let rows = try global.administration().domains()
            if output.json { return try Output.json(rows) }
            Output.table(["DOMAIN", "DELIVERY", "CATCH-ALL", "COPY-TO", "DKIM", "DISCLAIMER"], rows.map { r in
                [r.name, r.relay_host.map { "relay \($0):\(r.relay_port ?? 25) tls \(r.relay_tls ?? "may")" } ?? "local",
                 r.catch_all ?? "-", r.copy_to ?? "-", Output.onOff(r.dkim), r.disclaimer ? "yes" : "no"]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a domain: its mail is refused from now on; stored mail stays.")
        @OptionGroup var global: GlobalOptions
        @Argument var domain: String
        @Flag(help: "Also remove the addresses bound to it (listed when refused without).") var force = false

        func run() throws {
            try global.administration().removeDomain(domain, force: force)
            print("removed domain \(domain.lowercased()) (stored mail is kept)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a domain's options.")
        @OptionGroup var global: GlobalOptions
        @Argument var domain: String
        @Option(name: .customLong("catch-all"), help: ArgumentHelp("Accept unknown recipients and deliver them here.", valueName: "ADDR"))
        var catchAll: String?
        @Flag(name: .customLong("no-catch-all"), help: "Refuse unknown recipients again.") var noCatchAll = false
        @Option(name: .customLong("copy-to"), help: ArgumentHelp("Send a hidden copy of every inbound message here.", valueName: "ADDR"))
        var copyTo: String?
        @Flag(name: .customLong("no-copy-to")) var noCopyTo = false
        @Option(help: "Sign outgoing mail with DKIM.") var dkim: Switch?
        @Option(name: .customLong("disclaimer-file"), help: ArgumentHelp("Markdown text appended to outgoing mail.", valueName: "FILE"))
        var disclaimerFile: String?
        @Flag(name: .customLong("no-disclaimer")) var noDisclaimer = false
        @Option(name: .customLong("relay-to"), help: ArgumentHelp("Relay its mail to this server (a local domain's addresses must go first).", valueName: "HOST[:PORT]"))
        var relayTo: String?
        @Option(name: .customLong("relay-tls"), help: ArgumentHelp("TLS to the relay host: none, may, starttls or implicit.", valueName: "MODE"))
        var relayTLS: String?
        @Flag(name: .customLong("no-relay"), help: "Deliver its mail locally again.") var noRelay = false

        func validate() throws {
            if catchAll != nil && noCatchAll { throw ValidationError("--catch-all and --no-catch-all are exclusive") }
            if copyTo != nil && noCopyTo { throw ValidationError("--copy-to and --no-copy-to are exclusive") }
            if disclaimerFile != nil && noDisclaimer { throw ValidationError("--disclaimer-file and --no-disclaimer are exclusive") }
            if noRelay && (relayTo != nil || relayTLS != nil) { throw ValidationError("--no-relay excludes --relay-to and --relay-tls") }
        }

        func run() throws {
            var changes = DomainChanges()
            if let catchAll { changes.catchAll = .some(try AdminInput.address(catchAll, label: "--catch-all")) }
            if noCatchAll { changes.catchAll = .some(nil) }
            if let copyTo { changes.copyTo = .some(try AdminInput.address(copyTo, label: "--copy-to")) }
            if noCopyTo { changes.copyTo = .some(nil) }
            if let dkim { changes.dkim = dkim.bool }
            if let disclaimerFile {
                guard let text = try? String(contentsOfFile: disclaimerFile, encoding: .utf8) else {
                    throw CLIError("cannot read disclaimer file \(disclaimerFile) (missing or not UTF-8)")
                }
                changes.disclaimer = .some(text)
            }
            if noDisclaimer { changes.disclaimer = .some(nil) }
            let admin = try global.administration()
            if noRelay { changes.relay = .some(nil) }
            if relayTo != nil || relayTLS != nil {
                // --relay-tls alone keeps the current relay host.
                let current = try admin.domain(domain)
                guard let host = relayTo ?? current.relay_host.map({ h in
                    (h.contains(":") ? "[\(h)]" : h) + ":\(current.relay_port ?? 25)"
                }) else {
                    throw CLIError("domain \(current.name) is not a relay domain: give --relay-to HOST[:PORT]")
                }
                changes.relay = .some(try AdminInput.relayTarget(host, tls: relayTLS ?? current.relay_tls))
            }
            try admin.updateDomain(domain, changes)
            print("updated domain \(domain.lowercased())")
        }
    }
}
