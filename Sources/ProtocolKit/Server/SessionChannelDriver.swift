import Logging
import NIOCore
import NIOSSL
import NIOTLS
import ProtocolCore

/// The one SwiftNIO channel handler of the line protocols (SMTP, POP3, ManageSieve): feeds
/// received octets, TLS and timer events into the pure session, hands each action it
/// returns to the protocol's glue, and owns the mechanics every protocol needs the same
/// way — write and flush, close after the last write, the session's timer, backpressure
/// (no read is asked for while the session wants no input), STARTTLS, shutdown.
/// Everything runs on the channel's event loop.
public final class SessionChannelDriver<Glue: SessionGlue>: ChannelDuplexHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    public let glue: Glue
    private let tls: NIOSSLContext
    private let implicitTLS: Bool
    public let logger: Logger
    public private(set) var session: Glue.Session?
    /// The client's IP address as text ("unknown" until the channel is active).
    public private(set) var remoteAddress = "unknown"
    public private(set) var remotePort: Int?
    /// True once the connection is closing: nothing more is fed or written.
    public private(set) var closed = false
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var early: [UInt8] = []
    private var readPaused = false
    private var pendingRead = false
    private var unflushed = false
    /// Set by the glue while it answers a batch itself (POP3's read-ahead RETRs): one
    /// flush at the end instead of one per answer.
    public var holdsFlush = false

    public init(glue: Glue, tls: NIOSSLContext, implicitTLS: Bool, logger: Logger) {
        self.glue = glue
        self.tls = tls
        self.implicitTLS = implicitTLS
        self.logger = logger
    }

    // MARK: Connection lifecycle

    public func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    public func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.remoteIPAddress
        remotePort = context.remoteAddress?.port
        glue.connectionOpened(self)
        // Implicit TLS: the greeting waits for the handshake.
        if !implicitTLS { glue.start(self, tls: false) }
        context.fireChannelActive()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        if !closed, session != nil { feed(Glue.Session.connectionClosed) }
        closed = true
        timer?.cancel()
        glue.connectionEnded(self)
        context.fireChannelInactive()
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After QUIT or a goodbye the client may reset the connection: nothing to report.
        if !closed, !TLSUpgrade.isUncleanShutdown(error) { glue.connectionLost(error, self) }
        context.close(promise: nil)
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ServerShutdownEvent {
            if !closed { glue.shutdownRequested(self) }
            return
        }
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if session == nil { glue.start(self, tls: true) } else { feed(glue.tlsEstablished(self)) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Input and backpressure

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let octets = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard session != nil else {
            // A client talking before the greeting: keep what the protocol wants, drop the rest.
            let room = glue.earlyInputLimit - early.count
            if room > 0 { early.append(contentsOf: octets.prefix(room)) }
            return
        }
        feed(Glue.Session.received(octets))
    }

    public func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { glue.becameWritable(self) }
        context.fireChannelWritabilityChanged()
    }

    public func read(context: ChannelHandlerContext) {
        if readPaused { pendingRead = true } else { context.read() }
    }

    private func updateReading() {
        if !(session?.wantsMoreInput ?? false) {
            readPaused = true
        } else if readPaused {
            readPaused = false
            if pendingRead {
                pendingRead = false
                context?.read()
            }
        }
    }

    // MARK: Driving the session

    /// Starts the session: it hears `connected` first, then whatever arrived early.
    public func begin(_ session: Glue.Session, connected: Glue.Session.Event) {
        guard !closed else { return }
        self.session = session
        feed(connected)
        if !early.isEmpty {
            let octets = early
            early = []
            feed(Glue.Session.received(octets))
        }
    }

    /// Hands one event to the session and carries out what it answers.
    public func feed(_ event: Glue.Session.Event) {
        guard !closed, var current = session, let context else { return }
        let actions = current.handle(event)
        session = current
        var closeAfterWrite = false
        for action in actions {
            switch glue.perform(action, self) {
            case .proceed:
                break
            case .close:
                closeAfterWrite = true
            case .startTLS:
                context.flush()
                unflushed = false
                do {
                    try TLSUpgrade.start(context, tls: tls)
                } catch {
                    logger.error("\(glue.logName): cannot start TLS for \(remoteAddress): \(error)")
                    closeAfterWrite = true
                }
            }
        }
        if closeAfterWrite {
            closeAfterWriting()
            return
        }
        if unflushed, !holdsFlush { flush() }
        glue.actionsPerformed(self)
        guard !closed else { return }
        rearmTimer()
        updateReading()
    }

    private func rearmTimer() {
        timer?.cancel()
        guard let timeout = session?.timeout, let context else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.duration.timeAmount) { [self] in
            glue.timedOut(timeout.kind, self)
            feed(Glue.Session.timedOut)
        }
    }

    // MARK: Output

    /// Queues octets for the client; they go out at the end of the event (or `flush`).
    public func write(_ octets: [UInt8]) {
        guard let context else { return }
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: octets)), promise: nil)
        unflushed = true
    }

    public func flush() {
        unflushed = false
        context?.flush()
    }

    /// Closes once everything written is out; the session hears nothing more.
    public func closeAfterWriting() {
        guard let context else { return }
        closed = true
        timer?.cancel()
        unflushed = false
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
            .whenComplete { _ in context.close(promise: nil) }
    }

    /// The last words at shutdown (`* BYE`, `421`…): written, flushed, then closed.
    public func goodbye(_ line: String) {
        guard !closed, let context else { return }
        closed = true
        timer?.cancel()
        ShutdownGoodbye.send(line, context)
    }

    // MARK: Questions

    /// Runs `work` off the event loop; `then` runs back on it unless the connection has
    /// closed meanwhile.
    public func answer<T: Sendable>(_ work: @escaping @Sendable () async throws -> T,
                                    then: @escaping (Result<T, any Error>) -> Void) {
        guard let context else { return }
        let promise = context.eventLoop.makePromise(of: T.self)
        promise.completeWithTask(work)
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            then(result)
        }
    }

    /// Runs `work` on the event loop after `delay` (a drain deadline).
    public func schedule(in delay: TimeAmount, _ work: @escaping () -> Void) {
        _ = context?.eventLoop.assumeIsolated().scheduleTask(in: delay, work)
    }

    /// The TLS version in use, for logs and `Received:` headers.
    public var tlsVersionName: String {
        context.map(TLSUpgrade.versionName) ?? "TLS"
    }

    /// Whether the client reads what it is sent fast enough (for streaming with backpressure).
    public var isWritable: Bool { context?.channel.isWritable ?? false }
}
