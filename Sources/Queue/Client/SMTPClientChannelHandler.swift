import NIOCore
import NIOSSL
import NIOTLS
import ProtocolKit
import SMTPProtocol

/// The SwiftNIO glue of one outgoing SMTP connection: feeds the server's octets, TLS
/// progress and timers into the pure `SMTPClientSession` and carries out its actions.
/// Requests (`SMTPClientRequest`) arrive as outbound writes; their promises complete
/// when the session reports the outcome. Holds no protocol logic.
final class SMTPClientChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPClientRequest
    typealias OutboundOut = ByteBuffer

    private var session: SMTPClientSession
    private let tls: NIOSSLContext
    /// For SNI; nil when connecting to an IP address.
    private let serverName: String?
    /// Completes at the first `.ready`, or fails with the session's failure.
    private var opened: EventLoopPromise<Void>?
    private var sending: EventLoopPromise<SMTPSendOutcome>?
    private var quitting: EventLoopPromise<Void>?
    private var timer: Scheduled<Void>?
    private var connected = false
    private var closed = false
    private var failure: SMTPClientFailure?

    init(configuration: SMTPClientConfiguration, tls: NIOSSLContext, serverName: String?, opened: EventLoopPromise<Void>) {
        session = SMTPClientSession(configuration: configuration)
        self.tls = tls
        self.serverName = serverName
        self.opened = opened
    }

    // MARK: Connection lifecycle

    func channelActive(context: ChannelHandlerContext) {
        // With implicit TLS the session starts after the handshake.
        if session.configuration.tls != .implicit {
            connected = true
            feed(.connected(tls: false), context)
        } else {
            rearmTimer(context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        if !closed { feed(.connectionClosed, context) }
        closed = true
        let lost = failure ?? SMTPClientFailure(stage: .greeting, reply: nil, reason: "connection closed")
        opened?.fail(lost)
        opened = nil
        if let sending {
            // The session always reports a transaction before closing; this is a safety net.
            sending.fail(lost)
            self.sending = nil
        }
        quitting?.succeed(())
        quitting = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        feed(.received(buffer.readBytes(length: buffer.readableBytes) ?? []), context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if connected {
                feed(.tlsEstablished, context)
            } else {
                connected = true
                feed(.connected(tls: true), context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !connected {
            // Implicit TLS: the handshake failed before the session started.
            failure = SMTPClientFailure(stage: .tlsHandshake, reply: nil, reason: "TLS handshake failed: \(error)")
        } else if session.isNegotiatingTLS {
            feed(.tlsFailed("\(error)"), context)
        }
        // Anything else: closing reports the lost connection to the session.
        context.close(promise: nil)
    }

    // MARK: Requests

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .send(let message, let outcome):
            guard session.isReady, sending == nil else {
                outcome.fail(failure ?? SMTPClientFailure(stage: .idle, reply: nil, reason: "connection not ready"))
                break
            }
            sending = outcome
            feed(.send(message), context)
        case .quit(let done):
            guard session.isReady else {
                done.succeed(())
                context.close(promise: nil)
                break
            }
            quitting = done
            feed(.quit, context)
        }
        promise?.succeed(())
    }

    // MARK: Driving the session

    private func feed(_ event: SMTPClientEvent, _ context: ChannelHandlerContext) {
        guard !closed else { return }
        let actions = session.handle(event)
        perform(actions, context)
    }

    private func perform(_ actions: [SMTPClientAction], _ context: ChannelHandlerContext) {
        var wrote = false
        var finished: SMTPTransactionResult?
        var shouldClose = false
        for action in actions {
            switch action {
            case .send(let bytes):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                wrote = true
            case .startTLS:
                if wrote { context.flush() }
                wrote = false
                do {
                    let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                    try context.pipeline.syncOperations.addHandler(handler, position: .first)
                } catch {
                    feed(.tlsFailed("\(error)"), context)
                    return
                }
            case .close:
                shouldClose = true
            case .ready:
                opened?.succeed(())
                opened = nil
            case .finished(let result):
                finished = result
            case .failed(let reason):
                failure = reason
                opened?.fail(reason)
                opened = nil
            }
        }
        if let finished, let sending {
            self.sending = nil
            sending.succeed(SMTPSendOutcome(result: finished, sessionFailure: failure))
        }
        if shouldClose {
            closed = true
            timer?.cancel()
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        if wrote { context.flush() }
        rearmTimer(context)
    }

    private func rearmTimer(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let duration: Duration
        let what: String
        if let timeout = session.timeout {
            duration = timeout.duration
            what = timeout.waitingFor
        } else if !connected {
            duration = session.configuration.timeouts.command
            what = "TLS handshake"
        } else {
            return
        }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: duration.timeAmount) { [self] in
            if connected {
                feed(.timedOut, context)
            } else {
                failure = SMTPClientFailure(stage: .tlsHandshake, reply: nil, reason: "timeout while waiting for \(what)")
                context.close(promise: nil)
            }
        }
    }
}
