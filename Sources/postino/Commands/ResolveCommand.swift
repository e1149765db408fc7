import ArgumentParser
import Directory
import Foundation

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Show where a message to ADDRESS would go, or why it would be refused.",
        discussion: """
        The sender is an outside server unless --auth USER (an authenticated user) or
        --local-network (a client in smtp.trusted_networks) says otherwise; internal-only
        addresses refuse outside senders. A refusal exits with status 2.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument var address: String
    @Option(help: ArgumentHelp("Envelope sender, shown for context.", valueName: "SENDER")) var from: String?
    @Option(help: ArgumentHelp("Resolve as this authenticated user.", valueName: "USER")) var auth: String?
    @Flag(name: .customLong("local-network"), help: "Resolve as an unauthenticated client on a trusted network.")
    var localNetwork = false
    @OptionGroup var output: OutputOptions

    struct Report {
        var address: String
        var sender_context: String
        var deliver: [String]?
        var copies: [String]?
        var subaddress: String?
        var refused: Refused?

        struct Refused {
            var status: String
            var reason: String
        }
    }

    func validate() throws {
        if auth != nil && localNetwork { throw ValidationError("--auth and --local-network are exclusive") }
    }

    func run() throws {
        let store = try global.openDirectory()
        let context: SenderContext
        if let auth {
            guard let user = try store.user(named: auth) else { throw CLIError("--auth: unknown user \(auth)") }
            context = .authenticated(user: user.name)
        } else {
            context = localNetwork ? .localNetwork : .external
        }
        let contextText: String = switch context {
        case .external: "external" + (from.map { " sender <\($0)>" } ?? "")
        case .localNetwork: "local network" + (from.map { " sender <\($0)>" } ?? "")
        case .authenticated(let user): "authenticated as \(user)"
        }

        var report = Report(address: address, sender_context: contextText)
        switch try store.resolve(address, sender: context) {
        case .deliver(let resolved):
            report.deliver = resolved.destinations.map(\.description)
            report.copies = resolved.copies.map(\.description)
            report.subaddress = resolved.subaddress
            if output.json { return try Output.json(report) }
            print("\(address) (\(contextText)) delivers to:")
            for d in resolved.destinations { print("  \(d)") }
            if !resolved.copies.isEmpty {
                print("hidden copies:")
                for c in resolved.copies { print("  \(c)") }
            }
            if let tag = resolved.subaddress { print("subaddress: +\(tag) (kept for Sieve)") }
        case .refused(let refusal):
            report.refused = .init(status: refusal.enhancedStatusCode, reason: refusal.description)
            if output.json {
                try Output.json(report)
            } else {
                FileHandle.standardError.write(Data("postino: \(address) refused (\(refusal.enhancedStatusCode)): \(refusal.description)\n".utf8))
            }
            throw ExitCode(2)
        }
    }
}
