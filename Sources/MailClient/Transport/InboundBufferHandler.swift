import NIOCore

/// The last handler of a client pipeline: hands received bytes to the connection's buffer
/// and records how the connection ended.
final class InboundBufferHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let buffer: InboundBuffer

    init(buffer: InboundBuffer) {
        self.buffer = buffer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.append(&bytes)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        buffer.finish(ErrorClassifier.channel(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        buffer.finish(.connectionClosed)
        context.fireChannelInactive()
    }
}
