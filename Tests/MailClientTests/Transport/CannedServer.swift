import NIOCore
import NIOPosix

/// A loopback TCP server that writes fixed bytes to every connection and records what it
/// receives: a real peer for the transport tests.
final class CannedServer: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(sending chunks: [[UInt8]]) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Writer(chunks: chunks))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async {
        try? await channel.close().get()
    }

    /// Writes each chunk separately (flushing between) so that the reader sees partial data.
    private final class Writer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let chunks: [[UInt8]]
        init(chunks: [[UInt8]]) { self.chunks = chunks }

        func channelActive(context: ChannelHandlerContext) {
            for chunk in chunks {
                context.writeAndFlush(NIOAny(ByteBuffer(bytes: chunk)), promise: nil)
            }
        }
    }
}
