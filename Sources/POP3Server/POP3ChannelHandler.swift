import Authentication
import Durability
import Foundation
import Logging
import MailStore
import NIOCore
import NIOSSL
import NIOTLS
import POP3Protocol
import ProtocolKit

/// The SwiftNIO glue of one POP3 connection: feeds octets and answers into the pure
/// `POP3Session` and carries out its actions (responses, TLS, login, maildrop lock and
/// listing, message streaming with backpressure, deletion at QUIT).
final class POP3ChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let environment: POP3ServerEnvironment
    private var session: POP3Session?
    private var remoteAddress = "unknown"
    private var opened: POP3Maildrops.Opened?
    private var timer: Scheduled<Void>?
    private var closed = false
    private var streaming: FileChunkReader?
    private var resumeStream: (() -> Void)?
    private var readPaused = false
    private var readAhead = POP3ReadAhead()
    private var readAheadQueue: [[UInt8]] = []
    private var servingReadAhead = false

    init(environment: POP3ServerEnvironment) {
        self.environment = environment
    }

    private static let chunkSize = 64 * 1024
    private static let wholeReadLimit = 1 << 20

    // MARK: Lifecycle

    func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.remoteIPAddress
        if !environment.implicitTLS { start(context, tls: false) }
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext, tls: Bool) {
        let authenticator = environment.authenticator, ip = remoteAddress
        let promise = context.eventLoop.makePromise(of: Bool.self)
        promise.completeWithTask { await authenticator.allowsPasswordsWithoutTLS(service: .pop3, remoteAddress: ip) }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            // Cannot fail: the authenticator logs an unreadable setting and answers no.
            let allowUnencrypted = (try? result.get()) ?? false
            let configuration = POP3SessionConfiguration(allowUnencrypted: allowUnencrypted, timeouts: environment.timeouts)
            session = POP3Session(configuration: configuration)
            feed(.connected(POP3ConnectionInfo(remoteAddress: remoteAddress, remotePort: context.remoteAddress?.port,
                                               isTLS: tls)), context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !closed, session != nil { feed(.connectionClosed, context) }
        closed = true
        timer?.cancel()
        streaming?.close()
        streaming = nil
        releaseLock()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !closed, !TLSUpgrade.isUncleanShutdown(error) {
            environment.logger.info("pop3: lost connection from \(remoteAddress): \(error)")
        }
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ServerShutdownEvent {
            // SIGTERM: say goodbye and close (the server drains its connections).
            guard !closed else { return }
            closed = true
            ShutdownGoodbye.send("-ERR [SYS/TEMP] Server shutting down", context)
            return
        }
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if session == nil { start(context, tls: true) } else { feed(.tlsEstablished, context) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard session != nil else { return }  // nothing may precede the greeting
        feed(.received(buffer.readBytes(length: buffer.readableBytes) ?? []), context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let resume = resumeStream {
            resumeStream = nil
            resume()
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: Session

    private func feed(_ event: POP3SessionEvent, _ context: ChannelHandlerContext) {
        guard !closed, var current = session else { return }
        let actions = current.handle(event)
        session = current
        perform(actions, context)
    }

    private func perform(_ actions: [POP3SessionAction], _ context: ChannelHandlerContext) {
        var closeAfterWrite = false
        for action in actions {
            switch action {
            case .send(let response):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: response.encoded)), promise: nil)
            case .sendMessageData(let bytes):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            case .startTLS:
                context.flush()
                do { try TLSUpgrade.start(context, tls: environment.tls) } catch { closeAfterWrite = true }
            case .close:
                closeAfterWrite = true
            case .authenticate(let credentials):
                authenticate(credentials, context)
            case .openMaildrop(let user):
                openMaildrop(user, context)
            case .retrieveMessage(let request):
                retrieve(request, context)
            case .commitDeletions(let user, let messages):
                commit(user, messages, context)
            case .releaseMaildrop:
                releaseLock()
            }
        }
        if closeAfterWrite {
            closed = true
            timer?.cancel()
            releaseLock()
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        if !servingReadAhead { context.flush() }
        rearmTimer(context)
        updateReading(context)
    }

    private func updateReading(_ context: ChannelHandlerContext) {
        let wants = session?.wantsMoreInput ?? false
        if wants && readPaused {
            readPaused = false
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
        } else if !wants && !readPaused {
            readPaused = true
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        }
    }

    private func rearmTimer(_ context: ChannelHandlerContext) {
        timer?.cancel()
        guard let timeout = session?.timeout else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.duration.timeAmount) { [self] in
            feed(.timedOut, context)
        }
    }

    private func answer<T: Sendable>(_ context: ChannelHandlerContext, _ work: @escaping @Sendable () async throws -> T,
                                     _ then: @escaping (Result<T, any Error>) -> Void) {
        let promise = context.eventLoop.makePromise(of: T.self)
        promise.completeWithTask(work)
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            then(result)
        }
    }

    private func releaseLock() {
        if let opened, let user = session?.authenticatedUser ?? Optional(opened.mailbox.owner.description) {
            environment.maildrops.release(user: user, opened: opened)
        }
        opened = nil
        readAhead.clear()
    }

    // MARK: Questions

    private func authenticate(_ credentials: POP3Credentials, _ context: ChannelHandlerContext) {
        let authenticator = environment.authenticator
        let request = LoginRequest(service: .pop3, mechanism: credentials.mechanism, login: credentials.username,
                                   authorizationID: credentials.authorizationIdentity, password: credentials.password,
                                   remoteAddress: remoteAddress, tls: session?.isTLS ?? false)
        answer(context, { await authenticator.authenticate(request) }) { [self] result in
            // Cannot fail: the authenticator logs its own trouble and answers `.unavailable`.
            feed(.authenticationChecked(POP3AuthenticationResult((try? result.get()) ?? .unavailable)), context)
        }
    }

    private func openMaildrop(_ user: String, _ context: ChannelHandlerContext) {
        let maildrops = environment.maildrops
        answer(context, { try await BlockingIO.run { try maildrops.open(user: user) } }) { [self] result in
            switch result {
            case .success(.opened(let drop)):
                opened = drop
                feed(.maildropOpened(.opened(drop.messages)), context)
            case .success(.inUse):
                environment.logger.info("pop3: maildrop of \(user) is in use, refused for \(remoteAddress)")
                feed(.maildropOpened(.inUse), context)
            case .failure(let error):
                environment.logger.error("pop3: cannot open the maildrop of \(user): \(error)")
                feed(.maildropOpened(.reject(POP3Response.err("Cannot open the maildrop", code: .systemTemporary))), context)
            }
        }
    }

    private func retrieve(_ request: POP3MessageRequest, _ context: ChannelHandlerContext) {
        guard let opened, request.message.number >= 1, request.message.number <= opened.records.count else {
            feed(.messageFailed(POP3Response.err("No such message", code: .systemTemporary)), context)
            return
        }
        let mailbox = opened.mailbox, record = opened.records[request.message.number - 1], uid = record.uid
        let store = environment.maildrops.store
        // Most messages are small: one trip off the event loop reads the whole file (by
        // the name the listing knew, else wherever a flag change moved it), together with
        // the next few (`POP3ReadAhead`). Larger ones are streamed with backpressure.
        if request.octets <= Self.wholeReadLimit {
            let number = request.message.number
            if let bytes = readAhead.take(number) {
                sendReadAhead(bytes, context)
                return
            }
            let numbers = readAhead.batch(startingAt: number, sizes: opened.messages.map(\.octets),
                                          wholeReadLimit: Self.wholeReadLimit)
            let files = numbers.map { (number: $0, record: opened.records[$0 - 1]) }
            answer(context, { try await BlockingIO.run {
                func read(_ record: MessageRecord) throws -> [UInt8] {
                    try (try? DurableFile.read(store.messagePath(mailbox, record))) ?? store.readMessage(mailbox, uid: record.uid)
                }
                // Only the message asked for must be readable; the others are a bonus.
                let first = try read(files[0].record)
                return [(files[0].number, first)] + files.dropFirst().compactMap { file in
                    (try? read(file.record)).map { (file.number, $0) }
                }
            } }) { [self] result in
                switch result {
                case .success(let messages):
                    for (number, bytes) in messages.dropFirst() { readAhead.keep(number, bytes) }
                    sendWhole(messages[0].1, context)
                case .failure(let error):
                    messageFailed(error, context)
                }
            }
            return
        }
        answer(context, { () async throws -> FileChunkReader in
            try await BlockingIO.run { try FileChunkReader(path: store.locateMessage(mailbox, uid: uid)) }
        }) { [self] result in
            switch result {
            case .success(let reader):
                streaming = reader
                streamNext(reader, context)
            case .failure(let error):
                messageFailed(error, context)
            }
        }
    }

    /// Serves messages that were read ahead. A pipeline of RETRs answered this way runs
    /// in this one loop (each answer's next RETR queues itself instead of recursing) and
    /// is flushed once at the end: one write for many messages.
    private func sendReadAhead(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        readAheadQueue.append(bytes)
        guard !servingReadAhead else { return }
        servingReadAhead = true
        while !readAheadQueue.isEmpty, !closed {
            sendWhole(readAheadQueue.removeFirst(), context)
        }
        readAheadQueue.removeAll()
        servingReadAhead = false
        if !closed { context.flush() }
    }

    private func sendWhole(_ bytes: [UInt8], _ context: ChannelHandlerContext) {
        feed(.messageData(bytes), context)
        feed(.messageEnd, context)
    }

    private func streamNext(_ reader: FileChunkReader, _ context: ChannelHandlerContext) {
        answer(context, { try await BlockingIO.run { try reader.read(upTo: Self.chunkSize) } }) { [self] result in
            switch result {
            case .success(let bytes) where bytes.isEmpty:
                finishStream(context)
            case .success(let bytes):
                feed(.messageData(bytes), context)
                guard session?.wantsMessageData == true else { return finishStream(context) }
                if context.channel.isWritable {
                    streamNext(reader, context)
                } else {
                    resumeStream = { [self] in streamNext(reader, context) }
                }
            case .failure(let error):
                streaming?.close()
                streaming = nil
                messageFailed(error, context)
            }
        }
    }

    /// RETR/TOP of a message that cannot be read: logged, answered `-ERR [SYS/TEMP]`.
    private func messageFailed(_ error: any Error, _ context: ChannelHandlerContext) {
        environment.logger.error("pop3(\(session?.authenticatedUser ?? "-")): a message cannot be read: \(error), rip=\(remoteAddress)")
        feed(.messageFailed(POP3Response.err("The message cannot be read", code: .systemTemporary)), context)
    }

    private func finishStream(_ context: ChannelHandlerContext) {
        streaming?.close()
        streaming = nil
        feed(.messageEnd, context)
    }

    private func commit(_ user: String, _ messages: [POP3MessageReference], _ context: ChannelHandlerContext) {
        guard let drop = opened else {
            feed(.deletionsCommitted(.committed), context)
            return
        }
        opened = nil
        let maildrops = environment.maildrops, logger = environment.logger, ip = remoteAddress
        answer(context, { try await BlockingIO.run { try maildrops.commit(user: user, opened: drop, deletions: messages) } }) { [self] result in
            switch result {
            case .success:
                logger.info("pop3 logout: user=<\(user)>, deleted=\(messages.count), rip=\(ip)")
                feed(.deletionsCommitted(.committed), context)
            case .failure(let error):
                logger.error("pop3: deleting for \(user) failed: \(error)")
                feed(.deletionsCommitted(.failed(POP3Response.err("Some deleted messages not removed", code: .systemTemporary))), context)
            }
        }
    }
}
