import Authentication
import Directory
import Logging
import NIOCore
import NIOSSL
import ProtocolKit
import SieveStore

/// What every ManageSieve connection shares.
public struct ManageSieveServerEnvironment: Sendable {
    let directory: any MailDirectory
    let scripts: any SieveScriptStorage
    let tls: NIOSSLContext
    let authenticator: Authenticator
    let logger: Logger

    public init(directory: any MailDirectory, scripts: any SieveScriptStorage, tls: NIOSSLContext,
                authenticator: Authenticator, logger: Logger) {
        self.directory = directory
        self.scripts = scripts
        self.tls = tls
        self.authenticator = authenticator
        self.logger = logger
    }

    public func makeChannelHandler() -> any ChannelHandler {
        SessionChannelDriver(glue: ManageSieveGlue(environment: self), tls: tls, implicitTLS: false, logger: logger)
    }
}
