import Directory
import Logging
import Metrics
import ProtocolKit

/// The per-listener admission of issue 23, finding 3: `limits.connections_per_ip` open at
/// once and `limits.connection_rate_per_ip` new per minute from one address (read when
/// the listener starts), clients in `smtp.trusted_networks` exempt, every listener within
/// the process's `ConnectionBudget`. Refusals are the protocol's "try later" and a log line.
extension ServerContext {
    func connectionGuard(refusal: String, logger: Logger) throws -> ConnectionGuard {
        let settings = directory.settings
        let trusted = try settings.networks(.trustedNetworks)
        let limiter = ConnectionLimiter(perIP: try settings.int(.connectionsPerIP),
                                        ratePerMinute: try settings.int(.connectionRatePerIP),
                                        budget: connectionBudget)
        // Asked once per new connection: where `postino_connections_total` counts it.
        let connections = Counter(label: "postino_connections_total", dimensions: [("protocol", Self.metricsProtocol(logger))])
        return ConnectionGuard(limiter: limiter, isExempt: { ip in
                                   connections.increment()
                                   return trusted.contains { $0.contains(ip) }
                               },
                               refusal: refusal, log: { logger.warning("\($0)") })
    }

    /// The protocol of a listener's logger (`postino/smtpd` → smtp, `postino/imap` → imap).
    static func metricsProtocol(_ logger: Logger) -> String {
        let name = logger.label.split(separator: "/").last.map(String.init) ?? logger.label
        return name == "smtpd" ? "smtp" : name
    }
}

/// The refusal each protocol sends to a connection over the limits.
enum ConnectionRefusal {
    static let reason = "Too many connections from your address, try again later"

    /// RFC 5321 §3.8 / §4.2.5: 421 closes the channel; 4.7.0 (RFC 3463) a policy reason.
    static func smtp(hostname: String) -> String { "421 4.7.0 \(hostname) \(reason)" }
    /// RFC 9051 §7.1.5: BYE may be the greeting.
    static let imap = "* BYE \(reason)"
    /// RFC 3206 §4: SYS/TEMP, a temporary system problem.
    static let pop3 = "-ERR [SYS/TEMP] \(reason)"
    /// RFC 5804 §1.3: TRYLATER.
    static let manageSieve = "BYE (TRYLATER) \"\(reason)\""
}
