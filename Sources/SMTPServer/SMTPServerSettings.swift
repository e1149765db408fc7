import Directory
import SMTPProtocol

/// The administrator's settings an SMTP connection needs, read once when it opens (so
/// a change applies to new connections without a restart).
struct SMTPServerSettings: Sendable {
    var hostname: String
    var maxMessageSize: Int
    var maxRecipients: Int
    var allowUnencrypted: Bool
    var authOnPort25: Bool
    var enforceSenderLoginMatch: Bool
    var relayIPs: [IPNetwork]
    var trustedNetworks: [IPNetwork]
    var relayFromTrustedNetworks: Bool

    static func load(_ settings: SettingsStore) throws -> SMTPServerSettings {
        SMTPServerSettings(
            hostname: try settings.string(.serverHostname),
            maxMessageSize: Int(clamping: try settings.size(.maxMessageSize)),
            maxRecipients: try settings.int(.maxRecipients),
            allowUnencrypted: try settings.bool(.allowUnencrypted),
            authOnPort25: try settings.bool(.authOnPort25),
            enforceSenderLoginMatch: try settings.bool(.enforceSenderLoginMatch),
            relayIPs: try settings.networks(.relayIPs),
            trustedNetworks: try settings.networks(.trustedNetworks),
            relayFromTrustedNetworks: try settings.bool(.relayTrustedNetworks))
    }

    func isTrusted(_ ip: String) -> Bool { trustedNetworks.contains { $0.contains(ip) } }

    /// Clients that may relay without AUTH: the relay IP list, and the trusted networks
    /// when that option is on.
    func mayRelayWithoutAuth(_ ip: String) -> Bool {
        relayIPs.contains { $0.contains(ip) } || (relayFromTrustedNetworks && isTrusted(ip))
    }

    func sessionConfiguration(role: SMTPSessionConfiguration.Role, timeouts: SMTPTimeouts) -> SMTPSessionConfiguration {
        SMTPSessionConfiguration(role: role, hostname: hostname, tlsAvailable: true,
                                 allowUnencrypted: allowUnencrypted, allowAuthOnMX: authOnPort25,
                                 maxMessageSize: maxMessageSize, maxRecipients: maxRecipients,
                                 timeouts: timeouts)
    }
}
