import AdminHTTP
import Administration
import Directory

/// Thunderbird autoconfig and Outlook autodiscover for the local domains (`--listen
/// autoconfig=…` plain HTTP, `--listen autodiscover=…` HTTPS with the server's certificate;
/// both off by default). The documents name `server.hostname` and the ports this run's
/// IMAP, POP3 and submission listeners are bound to.
struct AutoconfigNetworkService: NetworkService {
    let https: Bool

    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let data = context.dataDirectory
        let administration = Administration(directory: context.directory, spoolDirectory: data.spool, dkimDirectory: data.dkim)
        let listeners = context.listeners, settings = context.directory.settings
        let lookup: AutoconfigServer.Lookup = { email, domain in
            let hostname = try settings.get(.serverHostname)
            return try administration.clientSettings(email: email, domain: domain, hostname: hostname,
                                                     servers: Self.clientServers(listeners.snapshot))
        }
        let tls = https ? try AdminNetworkService.serverCertificate(context) : nil
        let handle = try await AutoconfigServer.start(host: address.host, port: address.port, tls: tls, lookup: lookup,
                                                      eventLoopGroup: context.eventLoopGroup,
                                                      logger: context.logs.mailLogger("postino/autoconfig"))
        return RunningAdminServer(handle: handle, host: address.host)
    }

    /// The client-facing listeners, implicit TLS first within each kind (RFC 8314 §3).
    static func clientServers(_ bound: [ServiceName: ListenAddress]) -> [MailClientSettings.Server] {
        let order: [(ServiceName, MailClientSettings.Kind, MailClientSettings.Security)] = [
            (.imaps, .imap, .implicitTLS), (.imap, .imap, .startTLS),
            (.pop3s, .pop3, .implicitTLS), (.pop3, .pop3, .startTLS),
            (.smtps, .smtp, .implicitTLS), (.submission, .smtp, .startTLS),
        ]
        return order.compactMap { service, kind, security in
            bound[service].map { MailClientSettings.Server(kind: kind, port: $0.port, security: security) }
        }
    }
}
