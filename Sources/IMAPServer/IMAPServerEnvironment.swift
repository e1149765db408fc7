import Authentication
import Directory
import Logging
import MailStore
import NIOCore
import NIOSSL
import ProtocolKit

/// What every IMAP connection of one listener shares.
public struct IMAPServerEnvironment: Sendable {
    let implicitTLS: Bool
    let directory: any MailDirectory
    let store: any MailStorage
    let tls: NIOSSLContext
    let authenticator: Authenticator
    let connections: IMAPConnectionCounter
    /// Access log: logins, logouts, refused connections, IMAP actions when enabled.
    let logger: Logger
    /// Where moves into and out of Junk are reported for Bayes training; nil: no training.
    let junkTraining: (any JunkTrainingSink)?
    /// URLAUTH's mailbox access keys (RFC 4467); nil when they cannot be stored: GENURLAUTH
    /// then fails and authorized URLs fetch NIL. The server's live next to the mail index
    /// (`MailStore.accessKeyStore()`).
    let accessKeys: (any MailboxAccessKeyStore)?

    public init(implicitTLS: Bool, directory: any MailDirectory, store: any MailStorage, tls: NIOSSLContext,
                authenticator: Authenticator, connections: IMAPConnectionCounter, logger: Logger,
                junkTraining: (any JunkTrainingSink)? = nil, accessKeys: (any MailboxAccessKeyStore)? = nil) {
        self.accessKeys = accessKeys
        self.implicitTLS = implicitTLS
        self.directory = directory
        self.store = store
        self.tls = tls
        self.authenticator = authenticator
        self.connections = connections
        self.logger = logger
        self.junkTraining = junkTraining
    }

    /// The handler for one new connection.
    public func makeChannelHandler() -> any ChannelHandler {
        IMAPChannelHandler(environment: self)
    }
}

