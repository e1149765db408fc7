import Authentication
import Directory
import Logging
import MailStore
import NIOCore
import NIOSSL
import POP3Protocol
import ProtocolKit

/// What every POP3 connection of one listener shares.
public struct POP3ServerEnvironment: Sendable {
    let implicitTLS: Bool
    let directory: any MailDirectory
    let maildrops: POP3Maildrops
    let tls: NIOSSLContext
    let authenticator: Authenticator
    let logger: Logger
    let timeouts: POP3Timeouts

    public init(implicitTLS: Bool, directory: any MailDirectory, store: any MailStorage, locks: any MaildropLocking,
                tls: NIOSSLContext, authenticator: Authenticator, logger: Logger,
                timeouts: POP3Timeouts = POP3Timeouts()) {
        self.implicitTLS = implicitTLS
        self.directory = directory
        self.maildrops = POP3Maildrops(store: store, locks: locks)
        self.tls = tls
        self.authenticator = authenticator
        self.logger = logger
        self.timeouts = timeouts
    }

    /// The handler for one new connection.
    public func makeChannelHandler() -> any ChannelHandler {
        SessionChannelDriver(glue: POP3Glue(environment: self), tls: tls, implicitTLS: implicitTLS, logger: logger)
    }
}
