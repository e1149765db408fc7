import Directory
import Logging
import NIOCore
import NIOSSL
import ProtocolKit
import SieveStore

/// What every ManageSieve connection shares.
public struct ManageSieveServerEnvironment: Sendable {
    let directory: DirectoryStore
    let scripts: SieveScriptStore
    let tls: NIOSSLContext
    let limiter: AuthFailureLimiter
    let logger: Logger

    public init(directory: DirectoryStore, scripts: SieveScriptStore, tls: NIOSSLContext,
                limiter: AuthFailureLimiter, logger: Logger) {
        self.directory = directory
        self.scripts = scripts
        self.tls = tls
        self.limiter = limiter
        self.logger = logger
    }

    public func makeChannelHandler() -> any ChannelHandler {
        ManageSieveChannelHandler(environment: self)
    }
}
