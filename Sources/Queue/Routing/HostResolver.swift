import SMTPProtocol

/// Turns a destination into the addresses to try, in order (RFC 5321 §5.1): MX hosts by
/// preference, each host's addresses in turn, the domain itself without MX, nothing for a
/// null MX. Failures say whether to bounce or to retry.
public struct HostResolver: Sendable {
    public enum Outcome: Hashable, Sendable {
        case targets([SMTPConnectTarget])
        /// Bounce every recipient of the destination with this reply (made here).
        case permanent(SMTPReply)
        /// Try again later.
        case temporary(SMTPReply)
    }

    let dns: any MailDNS
    /// Our own name: an MX pointing back at us must not be used (mail loop).
    let ownHostname: String
    /// Most addresses tried for one destination.
    let maximumTargets: Int

    public init(dns: any MailDNS, ownHostname: String, maximumTargets: Int = 10) {
        self.dns = dns
        self.ownHostname = MXPlan.normalized(ownHostname)
        self.maximumTargets = maximumTargets
    }

    public func resolve(_ destination: Destination, mxPort: Int) async -> Outcome {
        switch destination {
        case .literal(let ip):
            return .targets([SMTPConnectTarget(host: ip, address: ip, port: mxPort)])
        case .relay(let endpoint):
            if Self.isIPAddress(endpoint.host) {
                return .targets([SMTPConnectTarget(host: endpoint.host, address: endpoint.host, port: endpoint.port)])
            }
            do throws(MailDNSError) {
                let addresses = try await dns.addresses(of: endpoint.host)
                return .targets(addresses.prefix(maximumTargets).map {
                    SMTPConnectTarget(host: endpoint.host, address: $0, port: endpoint.port)
                })
            } catch {
                // A relay host is the administrator's choice: a lookup problem is not the
                // recipient's fault, so retry rather than bounce.
                return .temporary(SMTPReply(451, "4.4.3", "cannot find relay host \(endpoint.host): \(error)"))
            }
        case .domain(let domain):
            return await resolveMX(domain, port: mxPort)
        }
    }

    private func resolveMX(_ domain: String, port: Int) async -> Outcome {
        let records: [MXRecord]
        do throws(MailDNSError) {
            records = try await dns.mxRecords(for: domain)
        } catch {
            if error.isPermanent {
                return .permanent(SMTPReply(550, "5.1.2", "Host or domain name not found: \(domain) (\(error))"))
            }
            return .temporary(SMTPReply(451, "4.4.3", "DNS lookup of MX records for \(domain) failed: \(error)"))
        }
        guard case .hosts(var hosts) = MXPlan.from(domain: domain, records: records) else {
            // RFC 7505 §4.1.
            return .permanent(SMTPReply(556, "5.1.10", "Recipient address \(domain) has a null MX: it accepts no mail"))
        }
        // RFC 5321 §5.1: when we are one of the exchangers, only better ones may be used.
        if let own = hosts.firstIndex(of: ownHostname) {
            hosts = Array(hosts[..<own])
            if hosts.isEmpty {
                return .permanent(SMTPReply(554, "5.4.6", "Mail for \(domain) loops back to myself"))
            }
        }
        var targets: [SMTPConnectTarget] = []
        var temporary: MailDNSError?
        for host in hosts where targets.count < maximumTargets {
            if Self.isIPAddress(host) {
                // An MX that names an address is wrong (RFC 5321 §5.1) but common enough.
                targets.append(SMTPConnectTarget(host: host, address: host, port: port))
                continue
            }
            do throws(MailDNSError) {
                for address in try await dns.addresses(of: host) where targets.count < maximumTargets {
                    targets.append(SMTPConnectTarget(host: host, address: address, port: port))
                }
            } catch {
                if !error.isPermanent { temporary = error }
            }
        }
        if !targets.isEmpty { return .targets(targets) }
        if let temporary {
            return .temporary(SMTPReply(451, "4.4.3", "DNS lookup of the mail exchangers of \(domain) failed: \(temporary)"))
        }
        return .permanent(SMTPReply(550, "5.4.4", "Unable to route: no address found for the mail exchangers of \(domain)"))
    }

    /// True for a literal IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool {
        if text.contains(":") { return text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0).map { $0 <= 255 } == true }
    }
}
