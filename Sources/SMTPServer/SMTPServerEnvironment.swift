import Delivery
import Directory
import Logging
import MailStore
import NIOSSL
import ProtocolKit
import SMTPProtocol
import Spool

/// What every SMTP connection of one listener shares.
public struct SMTPServerEnvironment: Sendable {
    public var role: SMTPSessionConfiguration.Role
    let directory: DirectoryStore
    let policy: SMTPPolicy
    let sink: SMTPMessageSink
    let tls: NIOSSLContext
    let limiter: AuthFailureLimiter
    let logger: Logger
    let accessLogger: Logger
    let timeouts: SMTPTimeouts

    public init(role: SMTPSessionConfiguration.Role, directory: DirectoryStore, store: MailStore, spool: Spool,
                deliveryAgent: LocalDeliveryAgent, tls: NIOSSLContext, limiter: AuthFailureLimiter,
                logger: Logger, accessLogger: Logger, timeouts: SMTPTimeouts = SMTPTimeouts(),
                outbound: @escaping OutboundWake = {}, submissionTransform: SubmissionTransform? = nil) {
        self.role = role
        self.directory = directory
        self.policy = SMTPPolicy(directory: directory, store: store)
        // Mail received on port 25 is passed on as it came: never signed, never changed.
        self.sink = SMTPMessageSink(spool: spool, directory: directory, deliveryAgent: deliveryAgent, logger: logger,
                                    outbound: outbound, submissionTransform: role == .mx ? nil : submissionTransform)
        self.tls = tls
        self.limiter = limiter
        self.logger = logger
        self.accessLogger = accessLogger
        self.timeouts = timeouts
    }
}

import NIOCore

extension SMTPServerEnvironment {
    /// The handler for one new connection.
    public func makeChannelHandler() -> any ChannelHandler {
        SMTPChannelHandler(environment: self)
    }
}
