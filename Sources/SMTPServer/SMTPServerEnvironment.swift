import Authentication
import Intake
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
    let directory: any MailDirectory
    let policy: SMTPPolicy
    let sink: SMTPMessageSink
    let tls: NIOSSLContext
    let authenticator: Authenticator
    let logger: Logger
    let accessLogger: Logger
    let timeouts: SMTPTimeouts

    public init(role: SMTPSessionConfiguration.Role, directory: any MailDirectory, store: any MailStorage, intake: IntakePipeline,
                tls: NIOSSLContext, authenticator: Authenticator,
                logger: Logger, accessLogger: Logger, timeouts: SMTPTimeouts = SMTPTimeouts()) {
        self.role = role
        self.directory = directory
        self.policy = SMTPPolicy(directory: directory, store: store)
        let listener: String
        switch role {
        case .mx: listener = "smtp"
        case .submission: listener = "submission"
        case .implicitTLSSubmission: listener = "smtps"
        }
        self.sink = SMTPMessageSink(spool: intake.spool, intake: intake, logger: logger, listener: listener)
        self.tls = tls
        self.authenticator = authenticator
        self.logger = logger
        self.accessLogger = accessLogger
        self.timeouts = timeouts
    }
}

import NIOCore

extension SMTPServerEnvironment {
    /// The handler for one new connection.
    public func makeChannelHandler() -> any ChannelHandler {
        SessionChannelDriver(glue: SMTPGlue(environment: self), tls: tls, implicitTLS: role == .implicitTLSSubmission,
                             logger: logger)
    }
}
