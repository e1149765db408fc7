import MailCore
import SMTPProtocol
import Spool

/// Where a group of deliveries is sent: the mail exchangers of a domain, or a fixed
/// host (a relay domain's server, a relay host rule, the smarthost). Deliveries with the
/// same destination share connections.
public enum Destination: Hashable, Sendable, CustomStringConvertible {
    /// Look up the domain's MX records (A-label form, lower case).
    case domain(String)
    /// An address literal's IP (`user@[192.0.2.1]`).
    case literal(String)
    case relay(RelayEndpoint)

    public var description: String {
        switch self {
        case .domain(let domain): return domain
        case .literal(let ip): return "[\(ip)]"
        case .relay(let endpoint): return "relay \(endpoint)"
        }
    }

    /// The destination of one delivery: a relay domain's host; else the sender's relay
    /// host rule or the smarthost; else the recipient's domain. Nil for local targets
    /// and unusable addresses.
    public static func of(_ target: SpoolTarget, sender: String, rules: RelayRuleSet) -> Destination? {
        switch target {
        case .mailbox, .publicMailbox:
            return nil
        case let .relay(_, host, port, tls):
            let policy = SMTPClientTLSPolicy(rawValue: tls) ?? .opportunistic
            return .relay(RelayEndpoint(host: host, port: port, tls: policy))
        case let .remote(address):
            if let rule = rules.rule(forSender: sender) { return .relay(rule.endpoint) }
            guard let parsed = try? EmailAddress.parse(address, limits: .unlimited) else { return nil }
            if parsed.isAddressLiteral {
                var inside = String(parsed.domain.dropFirst().dropLast())
                if inside.lowercased().hasPrefix("ipv6:") { inside = String(inside.dropFirst(5)) }
                return .literal(inside)
            }
            return .domain(parsed.normalizedDomain)
        }
    }
}
