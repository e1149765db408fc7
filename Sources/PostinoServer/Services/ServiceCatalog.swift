import SMTPProtocol

/// The protocol services compiled into this binary, by `--listen` name.
public enum ServiceCatalog {
    public static let implemented: [ServiceName: any NetworkService] = [
        .smtp: SMTPNetworkService(role: .mx),
        .submission: SMTPNetworkService(role: .submission),
        .smtps: SMTPNetworkService(role: .implicitTLSSubmission),
        .imap: IMAPNetworkService(implicitTLS: false),
        .imaps: IMAPNetworkService(implicitTLS: true),
        .pop3: POP3NetworkService(implicitTLS: false),
        .pop3s: POP3NetworkService(implicitTLS: true),
        .managesieve: ManageSieveNetworkService(),
        .admin: AdminNetworkService(),
        .autoconfig: AutoconfigNetworkService(https: false),
        .autodiscover: AutoconfigNetworkService(https: true),
    ]
}
