import ArgumentParser
import DNS
import Directory
import Foundation

struct DNSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns", abstract: "Ask DNS the way outbound delivery does.",
        discussion: """
        Servers: --server if given, else the dns.nameserver setting, else /etc/resolv.conf.
        A name or record that does not exist exits with status 2, a temporary failure
        (timeout, SERVFAIL) with 75, so scripts can tell bounce from retry.
        """,
        subcommands: [Query.self, MX.self])

    struct Query: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Print the records of NAME (type A unless TYPE is given), following CNAMEs.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The domain name (for PTR also an IP address).") var name: String
        @Argument(help: "A, AAAA, MX, TXT, PTR, CNAME, NS, SOA, TLSA or TYPEnnn.") var type: String = "A"
        @OptionGroup var resolverOptions: ResolverOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if DNSRecordType(type) == nil { throw ValidationError("unknown record type \(type)") }
            try resolverOptions.check()
        }

        func runAsync() async throws {
            let recordType = DNSRecordType(type) ?? .a
            let resolver = try resolverOptions.makeResolver(global: global)
            let answer: DNSAnswer
            do throws(DNSError) {
                if recordType == .ptr, let address = IPAddress(name) {
                    answer = try await resolver.lookup(address.reverseLookupName, .ptr)
                } else {
                    answer = try await resolver.lookup(name, recordType)
                }
            } catch {
                throw DNSFailure.report(error, asking: "\(name) \(recordType)")
            }
            if output.json {
                let object: [String: Any] = [
                    "name": answer.name.withoutTrailingDot,
                    "type": answer.type.description,
                    "canonical_name": answer.canonicalName.withoutTrailingDot,
                    "authenticated": answer.authenticated,
                    "records": (answer.aliases + answer.records).map(DNSRecordJSON.object),
                ]
                return try Output.json(object)
            }
            for record in answer.aliases + answer.records {
                print("\(record.name) \(record.ttl) \(record.type) \(record.data)")
            }
        }
    }

    struct MX: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "mx",
            abstract: "Print where mail for DOMAIN goes: MX hosts in order with their addresses, a null MX or the implicit MX.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The mail domain.") var domain: String
        @OptionGroup var resolverOptions: ResolverOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { try resolverOptions.check() }

        struct Host {
            var preference: Int
            var host: String
            var addresses: [String]
            var error: String?
        }

        struct Report {
            var domain: String
            var route: String
            var exchangers: [Host]
        }

        func runAsync() async throws {
            let resolver = try resolverOptions.makeResolver(global: global)
            let route: MailRoute
            do throws(DNSError) {
                route = try await resolver.mailExchangers(for: domain)
            } catch {
                throw DNSFailure.report(error, asking: "\(domain) MX")
            }
            let domainName = (try? DNSResolver.name(domain))?.withoutTrailingDot ?? domain
            let kind: String
            let exchangers: [MailExchanger]
            switch route {
            case .exchangers(let list): kind = "mx"; exchangers = list
            case .nullMX: kind = "null-mx"; exchangers = []
            case .implicit(let host): kind = "implicit-mx"; exchangers = [MailExchanger(preference: 0, host: host)]
            }
            var hosts: [Host] = []
            for exchanger in exchangers {
                var host = Host(preference: Int(exchanger.preference), host: exchanger.host.withoutTrailingDot, addresses: [])
                do throws(DNSError) {
                    host.addresses = try await resolver.addresses(of: exchanger.host).map(\.description)
                } catch {
                    host.error = error.description
                }
                hosts.append(host)
            }
            let report = Report(domain: domainName, route: kind, exchangers: hosts)
            if output.json { return try Output.json(report) }
            switch route {
            case .nullMX: print("\(domainName): null MX (RFC 7505): the domain accepts no mail")
            case .implicit: print("\(domainName): no MX records, implicit MX (RFC 5321 section 5.1)")
            case .exchangers: print("\(domainName): MX")
            }
            for host in hosts {
                let location = host.error.map { "(\($0))" } ?? host.addresses.joined(separator: " ")
                print("  \(host.preference) \(host.host) \(location)")
            }
        }
    }
}

/// `--server`, `--timeout`, `--attempts`.
struct ResolverOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Nameserver to ask, IP[:PORT] or [IPv6]:PORT (repeatable).", valueName: "HOST:PORT"))
    var server: [String] = []
    @Option(help: ArgumentHelp("Seconds to wait for each answer (default: resolv.conf's, else 5).", valueName: "SECONDS"))
    var timeout: Double?
    @Option(help: ArgumentHelp("Rounds over the nameservers (default: resolv.conf's, else 2).", valueName: "N"))
    var attempts: Int?

    func check() throws {
        if let timeout, !(timeout > 0 && timeout <= 60) { throw ValidationError("--timeout must be between 0 and 60 seconds") }
        if let attempts, !(1...10).contains(attempts) { throw ValidationError("--attempts must be between 1 and 10") }
        for item in server where NameserverAddress.parseList(item)?.isEmpty ?? true {
            throw ValidationError("--server: \(item) is not IP[:PORT]")
        }
    }

    func makeResolver(global: GlobalOptions) throws -> DNSResolver {
        var configuration = ResolverConfiguration.system()
        let explicit = server.flatMap { NameserverAddress.parseList($0) ?? [] }
        if !explicit.isEmpty {
            configuration.nameservers = explicit
        } else if let configured = try configuredNameservers(global: global), !configured.isEmpty {
            configuration.nameservers = configured
        }
        if let timeout { configuration.timeout = .milliseconds(Int64(timeout * 1000)) }
        if let attempts { configuration.attempts = attempts }
        return DNSResolver(configuration: configuration)
    }

    /// The `dns.nameserver` setting, when the data directory already exists (a lookup
    /// does not create one).
    private func configuredNameservers(global: GlobalOptions) throws -> [NameserverAddress]? {
        let directory = global.dataDirectory
        guard !directory.isFresh else { return nil }
        let value = try DirectoryStore(path: directory.databaseFile.path).settings.get(.dnsNameserver)
        guard let servers = NameserverAddress.parseList(value) else {
            throw CLIError("dns.nameserver: \(value) is not a list of IP[:PORT]")
        }
        return servers
    }
}

/// Prints a lookup failure as the one stderr line of the CLI contract and picks the exit
/// status: 2 when the name or data does not exist, 75 (EX_TEMPFAIL) when asking again
/// later may help.
enum DNSFailure {
    static func report(_ error: DNSError, asking question: String) -> ExitCode {
        let text: String
        switch error {
        case .nonexistentDomain, .noData, .cnameChain, .invalidName: text = error.description
        default: text = "\(question): \(error)"
        }
        FileHandle.standardError.write(Data("postino: \(text)\n".utf8))
        return ExitCode(error.isPermanent ? 2 : 75)
    }
}

/// One record as a JSON object: owner, TTL, type, presentation data and typed fields.
enum DNSRecordJSON {
    static func object(_ record: DNSResourceRecord) -> [String: Any] {
        var object: [String: Any] = [
            "name": record.name.withoutTrailingDot,
            "ttl": Int(record.ttl),
            "type": record.type.description,
            "data": record.data.description,
        ]
        switch record.data {
        case .a(let address): object["address"] = address.description
        case .aaaa(let address): object["address"] = address.description
        case .mx(let mx):
            object["preference"] = Int(mx.preference)
            object["exchange"] = mx.exchange.withoutTrailingDot
        case .txt(let txt):
            object["strings"] = txt.stringValues
            object["text"] = txt.text
        case .ptr(let name), .cname(let name), .ns(let name):
            object["target"] = name.withoutTrailingDot
        case .soa(let soa):
            object["mname"] = soa.primaryNameserver.withoutTrailingDot
            object["rname"] = soa.responsibleMailbox.withoutTrailingDot
            object["serial"] = Int(soa.serial)
            object["minimum"] = Int(soa.minimum)
        case .tlsa(let tlsa):
            object["usage"] = Int(tlsa.certificateUsage)
            object["selector"] = Int(tlsa.selector)
            object["matching_type"] = Int(tlsa.matchingType)
            object["certificate_association_data"] = tlsa.associationData.map { String(format: "%02x", $0) }.joined()
        case .unknown:
            break
        }
        return object
    }
}
