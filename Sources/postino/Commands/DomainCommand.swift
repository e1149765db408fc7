import ArgumentParser
import Directory
import Foundation
import MailCore

struct DomainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain", abstract: "Manage mail domains.",
        subcommands: [Add.self, List.self, Remove.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a domain that delivers locally, or relays to another server.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The domain name, e.g. example.com.") var domain: String
        @Option(name: .customLong("relay-to"), help: ArgumentHelp("Relay its mail to this server instead of storing it.", valueName: "HOST[:PORT]"))
        var relayTo: String?

        func run() throws {
            let store = try global.openDirectory()
            let relay = try relayTo.map { try RelayTarget.parse($0) }
            let added = try store.addDomain(domain, relayTo: relay)
            print(relay == nil ? "added domain \(added.name)" : "added domain \(added.name), relayed to \(relay!)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List domains.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Row {
            var name: String
            var delivery: String
            var relay_host: String?
            var relay_port: Int?
            var catch_all: String?
            var copy_to: String?
            var dkim: Bool
            var disclaimer: Bool
        }

        func run() throws {
            let rows = try global.openDirectory().domains().map { d in
                Row(name: d.name, delivery: d.relay == nil ? "local" : "relay",
                    relay_host: d.relay?.host, relay_port: d.relay?.port,
                    catch_all: d.catchAll?.description, copy_to: d.copyTo?.description,
                    dkim: d.dkimEnabled, disclaimer: d.disclaimer != nil)
            }
            if output.json { return try Output.json(rows) }
            Output.table(["DOMAIN", "DELIVERY", "CATCH-ALL", "COPY-TO", "DKIM", "DISCLAIMER"], rows.map { r in
                [r.name, r.relay_host.map { "relay \($0):\(r.relay_port ?? 25)" } ?? "local",
                 r.catch_all ?? "-", r.copy_to ?? "-", Output.onOff(r.dkim), r.disclaimer ? "yes" : "no"]
            })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a domain: its mail is refused from now on; stored mail stays.")
        @OptionGroup var global: GlobalOptions
        @Argument var domain: String

        func run() throws {
            try global.openDirectory().removeDomain(domain)
            print("removed domain \(domain.lowercased()) (stored mail is kept)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a domain's options.")
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

        func validate() throws {
            if catchAll != nil && noCatchAll { throw ValidationError("--catch-all and --no-catch-all are exclusive") }
            if copyTo != nil && noCopyTo { throw ValidationError("--copy-to and --no-copy-to are exclusive") }
            if disclaimerFile != nil && noDisclaimer { throw ValidationError("--disclaimer-file and --no-disclaimer are exclusive") }
        }

        func run() throws {
            var update = DomainUpdate()
            if let catchAll { update.catchAll = .some(try parseAddress(catchAll, option: "--catch-all")) }
            if noCatchAll { update.catchAll = .some(nil) }
            if let copyTo { update.copyTo = .some(try parseAddress(copyTo, option: "--copy-to")) }
            if noCopyTo { update.copyTo = .some(nil) }
            if let dkim { update.dkimEnabled = dkim.bool }
            if let disclaimerFile {
                guard let text = try? String(contentsOfFile: disclaimerFile, encoding: .utf8) else {
                    throw CLIError("cannot read disclaimer file \(disclaimerFile) (missing or not UTF-8)")
                }
                update.disclaimer = .some(text)
            }
            if noDisclaimer { update.disclaimer = .some(nil) }
            try global.openDirectory().updateDomain(domain, update)
            print("updated domain \(domain.lowercased())")
        }
    }
}

func parseAddress(_ text: String, option: String) throws -> EmailAddress {
    do { return try EmailAddress.parse(text) } catch {
        throw CLIError("\(option): invalid address \"\(text)\": \(error.message)")
    }
}
