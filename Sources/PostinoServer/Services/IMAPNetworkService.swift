import Directory
import IMAPServer
import ProtocolKit

/// Ports 143 (STARTTLS) and 993 (implicit TLS).
struct IMAPNetworkService: NetworkService {
    let implicitTLS: Bool
    var enablingSetting: SettingKey? { .imapEnabled }

    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let environment = IMAPServerEnvironment(
            implicitTLS: implicitTLS, directory: context.directory, store: context.mail.store, tls: context.tls,
            authenticator: context.mail.authenticator, connections: context.mail.imapConnections,
            logger: context.logs.accessLogger("postino/imap"), junkTraining: context.mail.junkTrainer,
            accessKeys: try? context.mail.store.accessKeyStore())
        let listener = try await TCPListener.bind(
            host: address.host, port: address.port, group: context.eventLoopGroup,
            implicitTLS: implicitTLS ? context.tls : nil,
            connectionGuard: try context.connectionGuard(refusal: ConnectionRefusal.imap,
                                                         logger: context.logs.accessLogger("postino/imap")),
            makeHandler: { environment.makeChannelHandler() })
        return RunningListener(listener: listener, host: address.host)
    }
}
