import Authentication
import Durability
import Foundation
import Logging
import NIOCore
import NIOSSL
import NIOTLS
import ProtocolKit
import SMTPProtocol
import Spool

/// The SwiftNIO glue of one SMTP connection: feeds octets and answers into the pure
/// `SMTPSession` and carries out the actions it returns — replies, TLS, spooling, and the
/// questions (policy, login, commit) answered off the event loop. Holds no protocol logic.
final class SMTPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let environment: SMTPServerEnvironment
    private var session: SMTPSession?
    private var settings: SMTPServerSettings?
    /// Octets that arrived before the greeting (the session starts once settings are read).
    private var early: [UInt8] = []
    private var remoteAddress = "unknown"
    private var draft: SpoolDraft?
    private var header = HeaderCapture()
    /// Deliveries of each accepted recipient of the current transaction.
    private var recipientDeliveries: [String: [SpoolDelivery]] = [:]
    private var timer: Scheduled<Void>?
    private var readPaused = false
    private var pendingRead = false
    private var closed = false
    /// A message is being committed (between the final dot and its reply).
    private var committing = false
    /// The QID of a message just dropped, for the log line of the refusal that follows.
    private var abortedQueueID: QueueID?
    /// Shutdown was asked while a transaction was in DATA/BDAT: say goodbye after its reply.
    private var draining = false
    /// How long a transaction in DATA/BDAT may go on after shutdown was asked.
    static let drainDeadline = TimeAmount.seconds(10)

    init(environment: SMTPServerEnvironment) {
        self.environment = environment
    }

    // MARK: Connection lifecycle

    func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.remoteIPAddress
        environment.logger.info("connect from unknown[\(remoteAddress)]")
        // Port 465: the greeting waits for the TLS handshake.
        if environment.role != .implicitTLSSubmission { start(context, tls: nil) }
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext, tls: SMTPTLSInfo?) {
        let directory = environment.directory
        let promise = context.eventLoop.makePromise(of: SMTPServerSettings.self)
        promise.completeWithTask { try await BlockingIO.run { try SMTPServerSettings.load(directory.settings) } }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            switch result {
            case .success(let loaded):
                settings = loaded
                session = SMTPSession(configuration: loaded.sessionConfiguration(role: environment.role,
                                                                                 timeouts: environment.timeouts))
                feed(.connected(SMTPConnectionInfo(remoteAddress: remoteAddress,
                                                   remotePort: context.remoteAddress?.port, tls: tls)), context)
                if !early.isEmpty {
                    let bytes = early
                    early = []
                    feed(.received(bytes), context)
                }
            case .failure(let error):
                environment.logger.error("cannot read settings: \(error)")
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(
                    string: "421 4.3.0 Service temporarily unavailable\r\n")), promise: nil)
                context.close(promise: nil)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !closed, session != nil { feed(.connectionClosed, context) }
        closed = true
        timer?.cancel()
        draft?.discard()
        draft = nil
        environment.logger.info("disconnect from unknown[\(remoteAddress)]")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After QUIT or a 421 the client may reset the connection: nothing to report.
        if !closed, !TLSUpgrade.isUncleanShutdown(error) {
            environment.logger.info("lost connection from unknown[\(remoteAddress)]: \(error)")
        }
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ServerShutdownEvent {
            // SIGTERM: a transaction whose DATA/BDAT has begun may finish (its reply is
            // sent, then 421), for at most 10 s; every other session gets 421 at once.
            if draft != nil || committing {
                draining = true
                context.eventLoop.assumeIsolated().scheduleTask(in: Self.drainDeadline) { [self] in goodbye(context) }
            } else {
                goodbye(context)
            }
            return
        }
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            let info = SMTPTLSInfo(version: TLSUpgrade.versionName(context), cipher: "")
            if session == nil {
                start(context, tls: info)
            } else {
                feed(.tlsEstablished(info), context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// RFC 5321 §3.8: the server closes with `421` when it must shut down.
    private func goodbye(_ context: ChannelHandlerContext) {
        guard !closed else { return }
        closed = true
        timer?.cancel()
        ShutdownGoodbye.send("421 4.3.2 Service shutting down, closing transmission channel", context)
    }

    // MARK: Input and backpressure

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard session != nil else {
            // A client talking before the greeting: keep a little, drop the rest.
            if early.count < 4096 { early.append(contentsOf: bytes.prefix(4096 - early.count)) }
            return
        }
        feed(.received(bytes), context)
    }

    func read(context: ChannelHandlerContext) {
        if readPaused { pendingRead = true } else { context.read() }
    }

    private func updateReading(_ context: ChannelHandlerContext) {
        let wants = session?.wantsMoreInput ?? false
        if !wants {
            readPaused = true
        } else if readPaused {
            readPaused = false
            if pendingRead {
                pendingRead = false
                context.read()
            }
        }
    }

    // MARK: Driving the session

    private func feed(_ event: SMTPSessionEvent, _ context: ChannelHandlerContext) {
        guard !closed, var current = session else { return }
        let actions = current.handle(event)
        session = current
        perform(actions, context)
    }

    private func perform(_ actions: [SMTPSessionAction], _ context: ChannelHandlerContext) {
        var wrote = false
        var closeAfterWrite = false
        for action in actions {
            switch action {
            case .send(let reply):
                if let aborted = abortedQueueID {
                    // The reply after a dropped message: a refusal (552 too big) is logged
                    // with the QID the message had.
                    if reply.code >= 400 {
                        let text = reply.description.split(whereSeparator: \.isNewline).joined(separator: " ")
                        environment.logger.info("reject: END-OF-MESSAGE from unknown[\(remoteAddress)]: \(text)",
                                                metadata: ["qid": "\(aborted)"])
                    }
                    abortedQueueID = nil
                }
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply.encoded)), promise: nil)
                wrote = true
            case .close:
                closeAfterWrite = true
            case .startTLS:
                context.flush()
                wrote = false
                do {
                    try TLSUpgrade.start(context, tls: environment.tls)
                } catch {
                    environment.logger.error("cannot start TLS: \(error)")
                    closeAfterWrite = true
                }
            case .beginMessage(let envelope):
                draft = environment.sink.begin(envelope, hostname: settings?.hostname ?? "localhost")
                header = HeaderCapture()
            case .appendMessageBytes(let bytes):
                draft?.append(bytes)
                header.append(bytes)
            case .abortMessage:
                abortedQueueID = draft?.queueID
                draft?.discard()
                draft = nil
            case .checkSender(let envelope):
                recipientDeliveries = [:]
                checkSender(envelope, context)
            case .checkRecipient(let recipient, let envelope):
                checkRecipient(recipient, envelope, context)
            case .authenticate(let credentials):
                authenticate(credentials, context)
            case .commitMessage(let envelope):
                commit(envelope, context)
            }
        }
        if closeAfterWrite {
            closed = true
            timer?.cancel()
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        if wrote { context.flush() }
        if draining, draft == nil, !committing {
            goodbye(context)
            return
        }
        rearmTimer(context)
        updateReading(context)
    }

    private func rearmTimer(_ context: ChannelHandlerContext) {
        timer?.cancel()
        guard let timeout = session?.timeout else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.duration.timeAmount) { [self] in
            environment.logger.info("timeout after \(timeout.kind) from unknown[\(remoteAddress)]")
            feed(.timedOut, context)
        }
    }

    /// Runs `work` off the event loop and feeds its answer back in.
    private func answer<T: Sendable>(_ context: ChannelHandlerContext, _ work: @escaping @Sendable () async throws -> T,
                                     _ event: @escaping (Result<T, any Error>) -> SMTPSessionEvent) {
        let promise = context.eventLoop.makePromise(of: T.self)
        promise.completeWithTask(work)
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            feed(event(result), context)
        }
    }

    private static let temporaryFailure = SMTPReply(451, "4.3.0", "Temporary lookup failure, try again later")

    private func checkSender(_ envelope: SMTPEnvelope, _ context: ChannelHandlerContext) {
        guard let settings else { return }
        let policy = environment.policy
        answer(context, { try await BlockingIO.run { try policy.checkSender(envelope, settings: settings) } }) { [self] result in
            switch result {
            case .success(let decision):
                return .senderChecked(decision)
            case .failure(let error):
                environment.logger.error("MAIL from unknown[\(remoteAddress)]: cannot check the sender: \(error); from=<\(envelope.reversePath.mailbox?.description ?? "")>, answered 451")
                return .senderChecked(.reject(Self.temporaryFailure))
            }
        }
    }

    private func checkRecipient(_ recipient: SMTPRecipient, _ envelope: SMTPEnvelope, _ context: ChannelHandlerContext) {
        guard let settings else { return }
        let policy = environment.policy
        answer(context, { try await BlockingIO.run { try policy.checkRecipient(recipient, envelope, settings: settings) } }) { [self] result in
            let verdict: SMTPPolicy.RecipientVerdict
            switch result {
            case .success(let checked):
                verdict = checked
            case .failure(let error):
                environment.logger.error("RCPT from unknown[\(remoteAddress)]: cannot check the recipient: \(error); from=<\(envelope.reversePath.mailbox?.description ?? "")> to=<\(recipient.path.mailbox?.description ?? "postmaster")>, answered 451")
                return .recipientChecked(.reject(Self.temporaryFailure))
            }
            if case .accept = verdict.decision {
                recipientDeliveries[recipient.path.description, default: []].append(contentsOf: verdict.deliveries)
            } else if case .reject(let reply) = verdict.decision {
                environment.logger.info("reject: RCPT from unknown[\(remoteAddress)]: \(reply.code) \(reply.lines.joined(separator: " ")); from=<\(envelope.reversePath.mailbox?.description ?? "")> to=<\(recipient.path.mailbox?.description ?? "postmaster")>")
            }
            return .recipientChecked(verdict.decision)
        }
    }

    private func authenticate(_ credentials: SMTPCredentials, _ context: ChannelHandlerContext) {
        let authenticator = environment.authenticator
        let request = LoginRequest(service: .smtp, mechanism: credentials.mechanism, login: credentials.username,
                                   authorizationID: credentials.authorizationIdentity, password: credentials.password,
                                   remoteAddress: remoteAddress, tls: session?.tls != nil)
        answer(context, { await authenticator.authenticate(request) }) { result in
            // Cannot fail: the authenticator logs its own trouble and answers `.unavailable`.
            .authenticationChecked(SMTPAuthenticationResult((try? result.get()) ?? .unavailable))
        }
    }

    private func commit(_ envelope: SMTPEnvelope, _ context: ChannelHandlerContext) {
        guard let draft, let settings else {
            feed(.messageCommitted(.reject(SMTPReply(451, "4.3.0", "Error: no message in progress"))), context)
            return
        }
        self.draft = nil
        let deliveries = SMTPMessageSink.merge(envelope.recipients.map { recipientDeliveries[$0.path.description] ?? [] })
        let commit = SMTPMessageSink.Commit(envelope: envelope, deliveries: deliveries, header: header.bytes, settings: settings)
        let sink = environment.sink
        committing = true
        answer(context, { await sink.commit(draft, commit) }) { [self] result in
            committing = false
            // Cannot fail: the intake pipeline logs its own errors with the QID and answers
            // with the reply they call for.
            return .messageCommitted((try? result.get()) ?? .reject(SMTPReply(451, "4.3.0", "Error: queue file write error")))
        }
    }
}
