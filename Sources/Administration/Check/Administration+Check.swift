import DNS
import Directory
import Foundation

/// What `postino check` is asked to look at.
public struct CheckRequest: Sendable {
    /// The data directory (TLS certificate, `serve-state.json`).
    public var dataDirectory: URL
    /// Domains to check; empty = every enabled domain.
    public var domains: [String]
    /// The address other servers see; nil = the outward interface's, when it is public.
    public var publicIP: String?
    /// Every DNS question together gets this long (a dead resolver costs it once).
    public var dnsBudget: Duration

    public init(dataDirectory: URL, domains: [String] = [], publicIP: String? = nil, dnsBudget: Duration = .seconds(5)) {
        self.dataDirectory = dataDirectory
        self.domains = domains
        self.publicIP = publicIP
        self.dnsBudget = dnsBudget
    }
}

extension Administration {
    /// Everything a real deployment needs, one finding per line with its fix: the host
    /// name, DNS (MX, A/AAAA, PTR, SPF, DKIM, DMARC; MTA-STS and TLS-RPT optional), the
    /// TLS certificate and the listeners of the running server.
    public func check(_ request: CheckRequest) async throws(AdminError) -> [CheckFinding] {
        let hostname = try settingValue(SettingKey.serverHostname.rawValue)
        var out = Self.hostnameFindings(hostname)

        var publicIP: IPAddress?
        if let given = request.publicIP {
            guard let parsed = IPAddress(given) else { throw .invalidInput("--public-ip: \(given) is not an IP address") }
            publicIP = parsed
        } else if let outward = LocalNetwork.outwardAddress(), LocalNetwork.isPublic(outward) {
            publicIP = outward
        }
        let (domains, domainFindings) = try checkedDomains(request.domains)
        out += domainFindings
        let dns = DNSChecks(hostname: hostname, domains: domains, publicIP: publicIP)
        let resolver = try checkResolver(budget: request.dnsBudget)
        out += dns.findings(await DNSLookupGatherer.gather(dns.questions, resolver: resolver, budget: request.dnsBudget))
        out += try certificateFindings(dataDirectory: request.dataDirectory, hostname: hostname)
        out += Self.listenerFindings(ServeState.read(dataDirectory: request.dataDirectory))
        return out
    }

    static func hostnameFindings(_ hostname: String) -> [CheckFinding] {
        guard hostname.contains(".") else {
            return [CheckFinding(.fail, "hostname", "server.hostname is \"\(hostname)\", not a fully qualified name: greetings, Received fields and MAILER-DAEMON@\(hostname) will carry it",
                                 fix: "postino settings set server.hostname mail.example.com (the name your MX record points at)")]
        }
        return [CheckFinding(.ok, "hostname", "server.hostname is \(hostname)")]
    }

    private func checkedDomains(_ wanted: [String]) throws(AdminError) -> ([DNSChecks.Domain], [CheckFinding]) {
        var rows: [DomainRow] = []
        var findings: [CheckFinding] = []
        if wanted.isEmpty {
            rows = try domains()
            if rows.isEmpty {
                findings.append(CheckFinding(.fail, "domains", "no mail domain yet", fix: "postino domain add example.com"))
            }
        } else {
            for name in wanted {
                do { rows.append(try domain(name)) } catch {
                    findings.append(CheckFinding(.fail, "domains", "\(name) is not a domain of this server", fix: "postino domain add \(name)"))
                }
            }
        }
        let checked = rows.map { row in
            DNSChecks.Domain(name: row.name, dkimSigning: row.dkim, dkimRecords: (try? dkimKeys(domain: row.name)) ?? [])
        }
        return (checked, findings)
    }

    /// The server's resolver configuration (`dns.nameserver`, else /etc/resolv.conf),
    /// with each try bounded so that two of them fit in the budget.
    private func checkResolver(budget: Duration) throws(AdminError) -> DNSResolver {
        var configuration = ResolverConfiguration.system()
        let configured = try settingValue(SettingKey.dnsNameserver.rawValue)
        if let servers = NameserverAddress.parseList(configured), !servers.isEmpty {
            configuration.nameservers = servers
        }
        configuration.timeout = min(configuration.timeout, budget / 2)
        configuration.attempts = 1
        return DNSResolver(configuration: configuration)
    }

    private func certificateFindings(dataDirectory: URL, hostname: String) throws(AdminError) -> [CheckFinding] {
        let configured = try settingValue(SettingKey.tlsCertificate.rawValue)
        let path = configured.isEmpty ? dataDirectory.appendingPathComponent("tls/cert.pem").path : configured
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
            return [CheckFinding(.fail, "tls", "no certificate at \(path)",
                                 fix: configured.isEmpty ? "start postino serve once (it makes a self-signed one)" : "fix tls.certificate")]
        }
        return TLSCertificateCheck.findings(pem: pem, source: path, hostname: hostname)
    }

    static func listenerFindings(_ state: ServeState?) -> [CheckFinding] {
        guard let state else {
            return [CheckFinding(.fail, "listeners", "postino serve has never run with this data directory", fix: "start postino serve")]
        }
        var out: [CheckFinding] = []
        var accepting = 0
        for listener in state.listeners {
            let address = listener.host.contains(":") ? "[\(listener.host)]:\(listener.port)" : "\(listener.host):\(listener.port)"
            guard listener.state == "listening" else {
                out.append(CheckFinding(.ok, "listeners", "\(listener.service) is \(listener.state)"))
                continue
            }
            guard LocalNetwork.accepts(host: listener.host, port: listener.port) else {
                out.append(CheckFinding(.fail, "listeners", "\(listener.service) does not accept connections on \(address)",
                                        fix: "start postino serve (or see its log)"))
                continue
            }
            accepting += 1
            out.append(CheckFinding(.ok, "listeners", "\(listener.service) listening on \(address)"))
            if listener.service == "smtp" {
                if ["127.0.0.1", "::1"].contains(listener.host) || listener.host.hasPrefix("127.") {
                    out.append(CheckFinding(.warning, "listeners", "smtp listens on loopback only: other mail servers cannot reach it",
                                            fix: "postino serve --listen smtp=0.0.0.0:25"))
                } else if listener.port != 25 {
                    out.append(CheckFinding(.warning, "listeners", "smtp listens on port \(listener.port): other mail servers connect to port 25 only",
                                            fix: "run postino serve as root (or give it CAP_NET_BIND_SERVICE) so that it binds port 25"))
                }
            }
        }
        if state.listeners.isEmpty || accepting == 0 && !out.contains(where: { $0.level == .fail }) {
            out.append(CheckFinding(.fail, "listeners", "no service is listening", fix: "start postino serve"))
        }
        return out
    }
}
