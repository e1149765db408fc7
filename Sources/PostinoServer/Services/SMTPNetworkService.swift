import ProtocolKit
import SMTPProtocol
import SMTPServer

/// Ports 25, 587 and 465.
struct SMTPNetworkService: NetworkService {
    let role: SMTPSessionConfiguration.Role

    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let environment = SMTPServerEnvironment(
            role: role, directory: context.directory, store: context.mail.store, intake: context.mail.intake,
            tls: context.tls, authenticator: context.mail.authenticator,
            logger: context.logs.mailLogger("postino/smtpd"), accessLogger: context.logs.accessLogger("postino/smtpd"))
        let listener = try await TCPListener.bind(
            host: address.host, port: address.port, group: context.eventLoopGroup,
            implicitTLS: role == .implicitTLSSubmission ? context.tls : nil,
            connectionGuard: try context.connectionGuard(refusal: ConnectionRefusal.smtp(hostname: context.hostname),
                                                         logger: context.logs.mailLogger("postino/smtpd")),
            makeHandler: { environment.makeChannelHandler() })
        return RunningListener(listener: listener, host: address.host)
    }
}
