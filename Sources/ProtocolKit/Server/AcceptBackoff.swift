import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The accept loop's back-off when `accept(2)` fails for want of resources (EMFILE /
/// ENFILE: no descriptor left; ENOBUFS / ENOMEM), on the listening channel.
///
/// NIO's `AcceptBackoffHandler` does not help when the very first `accept` of a read
/// fails: the channel's read stays pending, so it never leaves the epoll set and the
/// level-triggered readiness of the backlog spins a core at 100 %. This handler turns
/// `autoRead` off (which unregisters the socket) and logs one line per episode: when
/// accepting first fails, and when a connection is accepted again.
///
/// Out of descriptors, the process must not stay at its limit: libdispatch's worker
/// monitor opens `/proc` files about once a second and aborts the whole process when it
/// cannot (seen as SIGILL, "registered worker exited prematurely"). So the back-off also
/// releases the `DescriptorReserve`, and accepting resumes only once the reserve could be
/// taken again, that is with more than the reserve free.
final class AcceptBackoff: ChannelInboundHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    static let delay: TimeAmount = .milliseconds(500)
    private let log: (@Sendable (String) -> Void)?
    private let reserve: DescriptorReserve
    private var exhausted = false
    private var paused = false

    init(log: (@Sendable (String) -> Void)?, reserve: DescriptorReserve = .shared) {
        self.log = log
        self.reserve = reserve
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if exhausted {
            exhausted = false
            log?("accepting connections again")
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let io = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(io.errnoCode) else {
            return context.fireErrorCaught(error)
        }
        if io.errnoCode == EMFILE || io.errnoCode == ENFILE { reserve.release() }
        if !exhausted {
            exhausted = true
            log?("accept failed: \(io); not accepting new connections for \(Self.delay.nanoseconds / 1_000_000) ms at a time until descriptors are free")
        }
        guard !paused, let options = context.channel.syncOptions else { return }
        paused = true
        try? options.setOption(.autoRead, value: false)
        scheduleResume(context.channel, context.eventLoop)
    }

    private func scheduleResume(_ channel: any Channel, _ eventLoop: any EventLoop) {
        eventLoop.assumeIsolated().scheduleTask(in: Self.delay) { [self] in
            guard reserve.refill() else { return scheduleResume(channel, eventLoop) }
            paused = false
            try? channel.syncOptions?.setOption(.autoRead, value: true)
        }
    }
}
