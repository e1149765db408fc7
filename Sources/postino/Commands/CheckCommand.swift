import Administration
import ArgumentParser
import Foundation

/// `postino check [DOMAIN…] [--public-ip IP]`: is this server ready for real mail?
struct CheckCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check what a real deployment needs: host name, DNS, TLS certificate, listeners.",
        discussion: """
        One line per finding with its fix; exit 0 when all is well, 1 when something is wrong.
        DNS is asked through dns.nameserver (else /etc/resolv.conf), all questions at once
        within 5 seconds; what cannot be checked is printed as the records to publish.
        MTA-STS and TLS-RPT are reported as optional.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Domains to check (default: every domain).") var domains: [String] = []
    @Option(name: .customLong("public-ip"), help: ArgumentHelp("The address other servers see (default: this machine's outward address when it is public).", valueName: "IP"))
    var publicIP: String?
    @OptionGroup var output: OutputOptions

    func runAsync() async throws {
        let request = CheckRequest(dataDirectory: global.dataDirectory.root, domains: domains, publicIP: publicIP)
        let findings = try await global.administration().check(request)
        if output.json {
            try Output.json(findings.map { finding -> [String: Any] in
                ["level": finding.level.rawValue, "area": finding.area, "message": finding.message,
                 "fix": finding.fix.map { $0 as Any } ?? NSNull()]
            })
        } else {
            for finding in findings { print(finding.line) }
            let failures = findings.filter { $0.level == .fail }.count
            print(failures == 0 ? "all is well" : "\(failures) problem\(failures == 1 ? "" : "s") to fix")
        }
        if !findings.allWell { throw ExitCode(1) }
    }
}
