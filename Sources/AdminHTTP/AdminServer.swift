import Synchronization
import Administration
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The admin listener: the REST API under `/api/v1` (Hummingbird), plain HTTP on loopback,
/// HTTPS with the server's certificate elsewhere. `start` returns once the socket is bound;
/// `shutdown` stops accepting and lets requests in flight finish.
public enum AdminServer {
    /// The server's certificate chain and key (PEM), for HTTPS.
    public struct TLSMaterial: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String

        public init(certificatePEM: String, privateKeyPEM: String) {
            self.certificatePEM = certificatePEM
            self.privateKeyPEM = privateKeyPEM
        }
    }

    /// A running admin server.
    public final class Handle: Sendable {
        public let port: Int
        public let tls: Bool
        private let group: ServiceGroup
        private let task: Task<Void, Never>

        init(port: Int, tls: Bool, group: ServiceGroup, task: Task<Void, Never>) {
            self.port = port
            self.tls = tls
            self.group = group
            self.task = task
        }

        public func shutdown() async {
            await group.triggerGracefulShutdown()
            await task.value
        }
    }

    /// The routes, in one router (also what the tests of the OpenAPI document walk).
    static func router(api: AdminAPI) -> Router<AdminRequestContext> {
        let router = Router(context: AdminRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: api.metrics))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(api: api))
        SessionRoutes(api: api).add(to: router)
        TokenRoutes(api: api).add(to: router)
        DomainRoutes(api: api).add(to: router)
        UserRoutes(api: api).add(to: router)
        GroupRoutes(api: api).add(to: router)
        PublicMailboxRoutes(api: api).add(to: router)
        AddressRoutes(api: api).add(to: router)
        SettingRoutes(api: api).add(to: router)
        DKIMRoutes(api: api).add(to: router)
        RelayRoutes(api: api).add(to: router)
        QueueRoutes(api: api).add(to: router)
        OpenAPIRoutes().add(to: router)
        MetricsRoutes(api: api).add(to: router)
        AuditRoutes(api: api).add(to: router)
        DashboardRoutes(api: api).add(to: router)
        LogRoutes(api: api).add(to: router)
        FilterRoutes(api: api).add(to: router)
        ConnectorRoutes(api: api).add(to: router)
        SyncRoutes(api: api).add(to: router)
        WebUI.add(to: router, api: api)
        return router
    }

    /// Binds `host:port` (0: any free port) and serves. `tls` nil: plain HTTP.
    public static func start(host: String, port: Int, tls: TLSMaterial?, api: AdminAPI,
                             eventLoopGroup: any EventLoopGroup, logger: Logger) async throws -> Handle {
        var api = api
        api.secureCookies = tls != nil
        return try await serve(router(api: api), host: host, port: port, tls: tls, eventLoopGroup: eventLoopGroup,
                               logger: logger, name: "admin API")
    }

    /// Runs `router` on `host:port` until the handle shuts it down; returns once bound.
    static func serve<Context: RequestContext>(_ router: Router<Context>, host: String, port: Int, tls: TLSMaterial?,
                                               eventLoopGroup: any EventLoopGroup, logger: Logger,
                                               name: String) async throws -> Handle
    where Context.Source == ApplicationRequestContextSource {
        // An idle connection (keep-alive, or a client that never finishes its request) is
        // closed after a minute.
        let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(60))
        let server: HTTPServerBuilder
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(tls.certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(bytes: Array(tls.privateKeyPEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            server = try .tls(.http1(configuration: http1), tlsConfiguration: configuration)
        } else {
            server = .http1(configuration: http1)
        }
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Postino"),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? port)
                boundContinuation.finish()
            },
            eventLoopGroupProvider: .shared(eventLoopGroup), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let failure = FailureBox()
        let task = Task {
            do { try await group.run() } catch {
                failure.set(error)
                logger.error("\(name) stopped: \(error)")
            }
            boundContinuation.finish()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            _ = await task.result
            throw failure.error ?? AdminServerError.notStarted
        }
        return Handle(port: boundPort, tls: tls != nil, group: group, task: task)
    }
}

public enum AdminServerError: Error, CustomStringConvertible {
    case notStarted
    public var description: String { "the admin server did not start" }
}

/// The error that ended the server task before it was bound.
private final class FailureBox: Sendable {
    private let state = Mutex<(any Error)?>(nil)
    func set(_ error: any Error) { state.withLock { $0 = error } }
    var error: (any Error)? { state.withLock { $0 } }
}
