import NIOCore
import Synchronization

/// Sent down every open connection's pipeline when the server shuts down (SIGTERM): each
/// protocol handler says goodbye its own way (SMTP `421` once a transaction in DATA has
/// finished, IMAP `* BYE`, POP3 `-ERR`, ManageSieve `BYE`) and closes.
public struct ServerShutdownEvent: Sendable {
    public init() {}
}

/// The open connections of one listener, so shutdown can drain them.
public final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    public init() {}

    public var count: Int { channels.withLock { $0.count } }

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Tells every connection to finish (`ServerShutdownEvent`), waits until all have
    /// closed or `deadline` has passed, then closes whatever is left.
    public func drain(deadline: Duration) async {
        let open = channels.withLock { Array($0.values) }
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ServerShutdownEvent())
        }
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while count > 0, clock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = channels.withLock { Array($0.values) }
        for channel in left { try? await channel.close() }
    }
}

/// The last words of a connection at shutdown: written, flushed, then the channel closes.
public enum ShutdownGoodbye {
    public static func send(_ line: String, _ context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: line + "\r\n")
        context.writeAndFlush(NIOAny(buffer)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
