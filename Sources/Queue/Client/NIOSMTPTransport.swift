#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import NIOSSL
import SMTPProtocol

/// Opens real SMTP connections with SwiftNIO.
///
/// TLS is opportunistic or mandatory encryption without certificate verification (RFC
/// 7435; Postfix's `may` and `encrypt` levels): MX hosts rarely have certificates for the
/// names that point at them, and relay hosts are chosen by the administrator.
public struct NIOSMTPTransport: SMTPTransport {
    let group: any EventLoopGroup
    let tls: NIOSSLContext
    let connectTimeout: Duration

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: Duration = .seconds(30)) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv12
        self.group = group
        self.tls = try NIOSSLContext(configuration: configuration)
        self.connectTimeout = connectTimeout
    }

    public func open(_ target: SMTPConnectTarget, configuration: SMTPClientConfiguration) async throws(SMTPClientFailure)
        -> any SMTPConnection {
        let tls = self.tls
        // SNI carries names only (RFC 6066 §3).
        let serverName = target.host == target.address || target.host.contains(":") ? nil : target.host
        let opened = group.next().makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout.timeAmount)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if configuration.tls == .implicit {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        SMTPClientChannelHandler(configuration: configuration, tls: tls, serverName: serverName, opened: opened))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: target.address, port: target.port).get()
        } catch {
            opened.fail(SMTPClientFailure(stage: .connect, reply: nil, reason: "connect failed"))
            throw SMTPClientFailure(stage: .connect, reply: nil, reason: Self.describe(error))
        }
        do {
            try await opened.futureResult.get()
        } catch let failure as SMTPClientFailure {
            channel.close(promise: nil)
            throw failure
        } catch {
            channel.close(promise: nil)
            throw SMTPClientFailure(stage: .greeting, reply: nil, reason: "\(error)")
        }
        return NIOSMTPConnection(channel: channel)
    }

    /// "Connection refused", "No route to host"… rather than NIO's error dumps.
    static func describe(_ error: any Error) -> String {
        var underlying = error
        if let connect = error as? NIOConnectionError, let first = connect.connectionErrors.first {
            underlying = first.error
        }
        if let io = underlying as? IOError {
            return String(cString: strerror(io.errnoCode))
        }
        if underlying is ChannelError, case ChannelError.connectTimeout = underlying { return "connection timed out" }
        return "\(underlying)"
    }
}

/// An open connection: requests go into the channel, the handler answers them.
struct NIOSMTPConnection: SMTPConnection {
    let channel: any Channel

    func send(_ message: SMTPClientMessage) async -> SMTPSendOutcome {
        let promise = channel.eventLoop.makePromise(of: SMTPSendOutcome.self)
        write(.send(message, promise), orFail: promise)
        do {
            return try await promise.futureResult.get()
        } catch {
            let failure = (error as? SMTPClientFailure)
                ?? SMTPClientFailure(stage: .transaction, reply: nil, reason: "connection lost: \(error)")
            let reply = SMTPReply(451, "4.4.2", failure.reason)
            return SMTPSendOutcome(
                result: SMTPTransactionResult(
                    recipients: message.recipients.map { _ in
                        SMTPRecipientResult(outcome: .deferred, reply: reply, stage: .mail, isLocal: true)
                    },
                    serverSupportsDSN: false),
                sessionFailure: failure)
        }
    }

    func quit() async {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        write(.quit(promise), orFail: promise)
        // Best effort: the results were recorded before QUIT; a failed goodbye loses nothing.
        try? await promise.futureResult.get()
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
    }

    /// A write into a closed channel never reaches the handler: its request's promise is
    /// failed here so that nobody waits for it.
    private func write<T: Sendable>(_ request: SMTPClientRequest, orFail promise: EventLoopPromise<T>) {
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(request, promise: written)
        written.futureResult.whenFailure { error in promise.fail(error) }
    }
}
