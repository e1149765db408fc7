import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// What a listener does with each new connection before any protocol handler sees it
/// (issue 23, finding 3): admits it through the `ConnectionLimiter`, or answers the
/// protocol's refusal (`421 4.7.0 …`, `* BYE …`, `-ERR [SYS/TEMP] …`) with a log line
/// and closes. Also owns the one log line of an accept back-off.
public struct ConnectionGuard: Sendable {
    public let limiter: ConnectionLimiter
    /// Clients the per-IP limits do not apply to (`smtp.trusted_networks`).
    public let isExempt: @Sendable (String) -> Bool
    /// The protocol's refusal, without CRLF.
    public let refusal: String
    public let log: @Sendable (String) -> Void

    public init(limiter: ConnectionLimiter, isExempt: @escaping @Sendable (String) -> Bool, refusal: String,
                log: @escaping @Sendable (String) -> Void) {
        self.limiter = limiter
        self.isExempt = isExempt
        self.refusal = refusal
        self.log = log
    }

    /// Called from the child channel initializer: true when the connection may go on.
    /// Otherwise a handler that writes the refusal and closes is installed instead of the
    /// protocol's (on an implicit-TLS port nothing can be said before the handshake, so
    /// the connection is just closed).
    func admit(_ channel: any Channel, implicitTLS: Bool) throws -> Bool {
        let address = Self.clientAddress(channel)
        let exempt = isExempt(address)
        if let refusal = limiter.admit(address, exempt: exempt, now: Self.now()) {
            log("connect from [\(address)] refused: \(refusal)")
            try channel.pipeline.syncOperations.addHandler(RefusalHandler(line: implicitTLS ? nil : self.refusal))
            return false
        }
        let limiter = self.limiter
        channel.closeFuture.whenComplete { _ in limiter.release(address, exempt: exempt, now: Self.now()) }
        return true
    }

    /// The client's address as the settings write it (an IPv4-mapped IPv6 address as IPv4).
    static func clientAddress(_ channel: any Channel) -> String {
        guard let ip = channel.remoteAddress?.ipAddress else { return "unknown" }
        let mapped = "::ffff:"
        if ip.lowercased().hasPrefix(mapped), ip.contains(".") { return String(ip.dropFirst(mapped.count)) }
        return ip
    }

    /// Monotonic seconds.
    static func now() -> Double {
        Double(NIODeadline.now().uptimeNanoseconds) / 1e9
    }
}

/// Writes one line and closes: what a refused connection gets instead of a greeting.
final class RefusalHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let line: String?

    init(line: String?) { self.line = line }

    func channelActive(context: ChannelHandlerContext) {
        guard let line else { return context.close(promise: nil) }
        let buffer = context.channel.allocator.buffer(string: line + "\r\n")
        context.writeAndFlush(NIOAny(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}  // nothing is read
}
