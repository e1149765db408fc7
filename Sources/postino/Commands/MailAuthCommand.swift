import ArgumentParser
import DNS
import Directory
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
        subcommands: [Check.self, SPF.self, Seal.self])

    struct SPF: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "spf",
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
            commandName: "check",
            abstract: "Check a message file (SPF, DKIM, DMARC, ARC); print its Authentication-Results header and symbols.",
            discussion: """
            Without --ip, SPF is not checked (spf=none), as for mail from connectors. The authserv-id is
            --authserv-id, else the server.hostname setting when the data directory exists, else this host's name.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("The SMTP client's address.", valueName: "IP")) var ip: String?
        @Option(help: ArgumentHelp("The HELO/EHLO name.", valueName: "NAME")) var helo: String = ""
        @Option(help: ArgumentHelp("The MAIL FROM address (empty for the null reverse-path).", valueName: "ADDR"))
        var from: String = ""
        @Option(name: .customLong("authserv-id"), help: ArgumentHelp("Who the header speaks for.", valueName: "NAME"))
        var authservID: String?
        @Option(help: ArgumentHelp("Seconds the whole check may take (default 20).", valueName: "SECONDS"))
        var budget: Double = 20
        @Option(help: ArgumentHelp("mailauth.dmarc.enforce to apply for dmarc_action: off, junk or reject.", valueName: "MODE"))
        var enforce: DMARCEnforcement = .off
        @Flag(name: .customLong("no-network"), help: "Make no DNS lookup: every method is none.") var noNetwork = false
        @Flag(name: .customLong("rewrite"), help: "Print the message as it would be delivered instead of the results.")
        var rewrite = false
        @OptionGroup var resolverOptions: ResolverOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let ip, IPAddress(ip) == nil { throw ValidationError("--ip: \(ip) is not an IP address") }
            if !(budget > 0 && budget <= 120) { throw ValidationError("--budget must be between 0 and 120 seconds") }
            try resolverOptions.check()
        }

        struct Signature {
            var result: String
            var domain: String?
            var selector: String?
            var signature_prefix: String?
            var unsigned_body_octets: Int
            var reason: String?
        }

        struct Symbol {
            var name: String
            var detail: String
        }

        struct Report {
            var authserv_id: String
            var spf: String
            var spf_domain: String
            var spf_identity: String
            var spf_explanation: String?
            var spf_reason: String?
            var dkim: [Signature]
            var dmarc: String
            var dmarc_author_domains: [String]
            var dmarc_policy_domain: String?
            var dmarc_policy: String?
            var dmarc_disposition: String
            var dmarc_reason: String?
            var dmarc_action: String
            var arc: String
            var arc_instances: Int
            var arc_reason: String?
            var authentication_results: String
            var symbols: [Symbol]
            var timed_out: Bool
        }

        func runAsync() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let message = [UInt8](data)
            let dns = ResolverMailAuthDNS(resolver: try resolverOptions.makeResolver(global: global))
            let authserv = try authservID ?? MailAuthCommand.configuredHostname(global) ?? ProcessInfo.processInfo.hostName
            let authenticator = InboundAuthenticator(dns: dns, timeout: .milliseconds(Int64(budget * 1000)),
                                                     noNetwork: noNetwork, receivingHost: authserv)
            let report = await authenticator.check(message: message, clientIP: ip, helo: helo, mailFrom: from,
                                                   authservID: authserv)
            if rewrite {
                FileHandle.standardOutput.write(Data(report.applying(to: message)))
                return
            }
            if output.json {
                return try Output.json(Report(
                    authserv_id: authserv, spf: report.spf.result.rawValue, spf_domain: report.spf.domain,
                    spf_identity: report.spf.identity.rawValue, spf_explanation: report.spf.explanation,
                    spf_reason: report.spf.reason,
                    dkim: report.dkim.map { Signature(result: $0.result.rawValue, domain: $0.domain, selector: $0.selector,
                                                      signature_prefix: $0.signaturePrefix,
                                                      unsigned_body_octets: $0.unsignedBodyOctets, reason: $0.reason) },
                    dmarc: report.dmarc.result.rawValue, dmarc_author_domains: report.dmarc.authorDomains,
                    dmarc_policy_domain: report.dmarc.policyDomain, dmarc_policy: report.dmarc.policy?.rawValue,
                    dmarc_disposition: report.dmarc.disposition.rawValue, dmarc_reason: report.dmarc.reason,
                    dmarc_action: report.dmarcAction(enforce).rawValue,
                    arc: report.arc.result.rawValue, arc_instances: report.arc.instances, arc_reason: report.arc.reason,
                    authentication_results: report.authenticationResults,
                    symbols: report.symbols.map { Symbol(name: $0.name, detail: $0.detail) }, timed_out: report.timedOut))
            }
            print(report.authenticationResultsField, terminator: "")
            for symbol in report.symbols { print("symbol: \(symbol)") }
            print("dmarc action (enforce \(enforce.rawValue)): \(report.dmarcAction(enforce).rawValue)")
        }
    }

    struct Seal: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Print the message with an ARC Set (RFC 8617) added by DOMAIN's DKIM key, as when forwarding it.",
            discussion: "The message is checked first (as by `check`): the results go into ARC-Authentication-Results and the chain's status into cv=.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A domain of the directory with a DKIM key.") var domain: String
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String
        @Option(help: ArgumentHelp("The SMTP client's address.", valueName: "IP")) var ip: String?
        @Option(help: ArgumentHelp("The HELO/EHLO name.", valueName: "NAME")) var helo: String = ""
        @Option(help: ArgumentHelp("The MAIL FROM address.", valueName: "ADDR")) var from: String = ""
        @Option(name: .customLong("authserv-id"), help: ArgumentHelp("Who the results speak for.", valueName: "NAME"))
        var authservID: String?
        @OptionGroup var resolverOptions: ResolverOptions

        func validate() throws {
            if let ip, IPAddress(ip) == nil { throw ValidationError("--ip: \(ip) is not an IP address") }
            try resolverOptions.check()
        }

        func runAsync() async throws {
            let name = try DKIMCommand.directoryDomain(domain, global)
            guard let key = try DKIMCommand.keyStore(global).load(domain: name).keys.first else { throw CLIError("\(name) has no DKIM key") }
            let message = try DKIMCommand.readFile(file)
            let dns = ResolverMailAuthDNS(resolver: try resolverOptions.makeResolver(global: global))
            let authserv = try authservID ?? MailAuthCommand.configuredHostname(global) ?? ProcessInfo.processInfo.hostName
            let report = await InboundAuthenticator(dns: dns).check(message: message, clientIP: ip, helo: helo,
                                                                    mailFrom: from, authservID: authserv)
            let sealer = ARCSealer(domain: name, selector: key.selector, key: key.key)
            let sealed = try sealer.seal(message, chain: report.arc, authenticationResults: report.authenticationResults)
            FileHandle.standardOutput.write(Data(sealed))
        }
    }

    /// The server.hostname setting, when the data directory already exists.
    static func configuredHostname(_ global: GlobalOptions) throws -> String? {
        let directory = global.dataDirectory
        guard !directory.isFresh else { return nil }
        return try DirectoryStore(path: directory.databaseFile.path).settings.get(.serverHostname)
    }
}

extension DMARCEnforcement: ExpressibleByArgument {}
