import Directory
import POP3Server
import ProtocolKit

/// Ports 110 (STLS) and 995 (implicit TLS).
struct POP3NetworkService: NetworkService {
    let implicitTLS: Bool
    var enablingSetting: SettingKey? { .pop3Enabled }

    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let environment = POP3ServerEnvironment(
            implicitTLS: implicitTLS, directory: context.directory, store: context.mail.store,
            locks: context.mail.maildropLocks, tls: context.tls, authenticator: context.mail.authenticator,
            logger: context.logs.accessLogger("postino/pop3"))
        let listener = try await TCPListener.bind(
            host: address.host, port: address.port, group: context.eventLoopGroup,
            implicitTLS: implicitTLS ? context.tls : nil,
            connectionGuard: try context.connectionGuard(refusal: ConnectionRefusal.pop3,
                                                         logger: context.logs.accessLogger("postino/pop3")),
            makeHandler: { environment.makeChannelHandler() })
        return RunningListener(listener: listener, host: address.host)
    }
}
