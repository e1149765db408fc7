import Directory
import Logging
import NIOCore
import NIOSSL
import ProtocolKit

/// What every protocol service gets when it starts: the directory, the mail system, logs,
/// TLS context and the event loops. Built once by `ServerRuntime`.
public struct ServerContext: Sendable {
    public let dataDirectory: DataDirectory
    public let directory: DirectoryStore
    public let mail: MailSystem
    public let logs: ServerLogs
    public let tls: NIOSSLContext
    public let hostname: String
    public let eventLoopGroup: any EventLoopGroup
    /// Connections every listener together may hold (from the descriptor limit).
    public var connectionBudget = ConnectionBudget(limit: DescriptorLimit.connectionCap(descriptors: DescriptorLimit.current))
    /// Where each service listens once bound (autoconfig tells clients these ports).
    public let listeners = BoundListeners()
}

/// A network service that `serve` can start on an address (SMTP, IMAP… register one each
/// in `ServiceCatalog`).
public protocol NetworkService: Sendable {
    /// A boolean setting that switches the service off (`imap.enabled`, `pop3.enabled`).
    var enablingSetting: SettingKey? { get }

    /// Binds and starts accepting; returns a handle that closes the listener.
    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService
}

extension NetworkService {
    public var enablingSetting: SettingKey? { nil }
}

public protocol RunningService: Sendable {
    /// The address actually bound (port 0 resolves to a real port).
    var boundAddress: ListenAddress { get }
    /// Stops accepting and lets open sessions finish.
    func shutdown() async
}
