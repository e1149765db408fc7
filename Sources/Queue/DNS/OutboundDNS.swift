import DNS
import Directory

/// The `MailDNS` the server uses.
public enum OutboundDNS {
    /// Postino's resolver asking the `dns.nameserver` servers, else those of
    /// /etc/resolv.conf. Read once at start-up.
    public static func make(directory: any MailDirectory) throws -> any MailDNS {
        var configuration = ResolverConfiguration.system()
        if let configured = NameserverAddress.parseList(try directory.settings.get(.dnsNameserver)), !configured.isEmpty {
            configuration.nameservers = configured
        }
        return ResolverMailDNS(resolver: DNSResolver(configuration: configuration))
    }
}
