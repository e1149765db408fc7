import DNS
import Directory

/// The server's DNS resolver for mail authentication: the `dns.nameserver` servers, else
/// those of /etc/resolv.conf (read at start-up), with its own cache.
enum ServerDNS {
    static func resolver(directory: DirectoryStore) throws -> DNSResolver {
        var configuration = ResolverConfiguration.system()
        if let configured = NameserverAddress.parseList(try directory.settings.get(.dnsNameserver)), !configured.isEmpty {
            configuration.nameservers = configured
        }
        return DNSResolver(configuration: configuration)
    }
}
