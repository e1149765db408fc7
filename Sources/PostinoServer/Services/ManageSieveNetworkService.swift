import ManageSieveServer
import ProtocolKit

/// Port 4190 (RFC 5804: STARTTLS, no implicit TLS port).
struct ManageSieveNetworkService: NetworkService {
    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let environment = ManageSieveServerEnvironment(
            directory: context.directory, scripts: context.mail.sieveScripts, tls: context.tls,
            authenticator: context.mail.authenticator, logger: context.logs.accessLogger("postino/managesieve"))
        let listener = try await TCPListener.bind(
            host: address.host, port: address.port, group: context.eventLoopGroup, implicitTLS: nil,
            connectionGuard: try context.connectionGuard(refusal: ConnectionRefusal.manageSieve,
                                                         logger: context.logs.accessLogger("postino/managesieve")),
            makeHandler: { environment.makeChannelHandler() })
        return RunningListener(listener: listener, host: address.host)
    }
}
