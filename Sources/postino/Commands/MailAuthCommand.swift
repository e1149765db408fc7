import ArgumentParser
import DNS
import Foundation
import MailAuth

struct MailAuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailauth", abstract: "Check SPF, DKIM, DMARC and ARC as inbound mail is checked.",
        discussion: """
        DNS servers: --server if given, else the dns.nameserver setting, else /etc/resolv.conf.
        Results are printed whatever they are (exit status 0); errors in the command itself
        exit non-zero with one line on stderr.
        """,
        subcommands: [Check.self, SPF.self])

    struct SPF: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate SPF (RFC 7208) for a client address, MAIL FROM and HELO; print the result.",
            discussion: "With an empty --sender the HELO identity is checked (postmaster@HELO).")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The SMTP client's address.", valueName: "IP")) var ip: String
        @Option(help: ArgumentHelp("The MAIL FROM address (empty for the null reverse-path).", valueName: "ADDR"))
        var sender: String = ""
        @Option(help: ArgumentHelp("The HELO/EHLO name.", valueName: "NAME")) var helo: String = ""
        @Option(help: ArgumentHelp("%{r}: the receiving host's name.", valueName: "NAME")) var receiver: String = "unknown"
        @Option(name: .customLong("default-explanation"), help: ArgumentHelp("Explanation of a fail without a usable exp=.", valueName: "TEXT"))
        var defaultExplanation: String?
        @OptionGroup var resolverOptions: ResolverOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if IPAddress(ip) == nil { throw ValidationError("--ip: \(ip) is not an IP address") }
            try resolverOptions.check()
        }

        struct Report {
            var result: String
            var identity: String
            var domain: String
            var explanation: String?
            var reason: String?
        }

        func runAsync() async throws {
            guard let address = IPAddress(ip) else { throw CLIError("--ip: \(ip) is not an IP address") }
            let dns = ResolverMailAuthDNS(resolver: try resolverOptions.makeResolver(global: global))
            let checker = SPFChecker(dns: dns, receivingHost: receiver, defaultExplanation: defaultExplanation)
            let result = await checker.check(ip: address, mailFrom: sender, helo: helo)
            let report = Report(result: result.result.rawValue, identity: result.identity.rawValue, domain: result.domain,
                                explanation: result.explanation, reason: result.reason)
            if output.json { return try Output.json(report) }
            print("spf=\(report.result) (\(report.identity) \(report.domain))")
            if let explanation = report.explanation { print("explanation: \(explanation)") }
            if let reason = report.reason { print("reason: \(reason)") }
        }
    }

    struct Check: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a message file (SPF, DKIM, DMARC, ARC); print the Authentication-Results header and symbols.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String

        func runAsync() async throws {
            throw CLIError("not available yet")
        }
    }
}
