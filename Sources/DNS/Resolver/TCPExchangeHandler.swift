import NIOCore

/// Sends one length-prefixed query over TCP (RFC 1035 §4.2.2) when the connection is up
/// and reads back one length-prefixed answer.
final class TCPExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let query: DNSMessage
    private let queryBytes: [UInt8]
    private let timeout: TimeAmount
    private var completion: ExchangeCompletion
    private var received: [UInt8] = []

    init(query: DNSMessage, queryBytes: [UInt8], timeout: TimeAmount, promise: EventLoopPromise<DNSMessage>) {
        self.query = query
        self.queryBytes = queryBytes
        self.timeout = timeout
        self.completion = ExchangeCompletion(promise: promise)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let task = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            completion.timedOut()
        }
        completion.armTimeout(task)
        if context.channel.isActive { send(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context: context)
        context.fireChannelActive()
    }

    private var sent = false

    private func send(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        var buffer = context.channel.allocator.buffer(capacity: queryBytes.count + 2)
        buffer.writeInteger(UInt16(truncatingIfNeeded: queryBytes.count))
        buffer.writeBytes(queryBytes)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !completion.isDone else { return }
        let buffer = unwrapInboundIn(data)
        // One answer is at most 2 + 65,535 bytes; anything after it is ignored.
        received.append(contentsOf: buffer.readableBytesView.prefix(2 + DNSMessage.maximumSize - received.count))
        guard received.count >= 2 else { return }
        let length = Int(received[0]) << 8 | Int(received[1])
        guard received.count >= 2 + length else { return }
        let bytes = Array(received[2..<(2 + length)])
        do {
            let message = try DNSMessage(decoding: bytes)
            guard ResponseValidation.answers(message, query: query) else {
                completion.fail(.malformed("answer does not match the question"))
                return
            }
            completion.succeed(message)
        } catch {
            completion.fail(.malformed("\(error)"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        completion.fail(.unreachable("connection closed before the answer"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        completion.fail(.unreachable("connection closed before the answer"))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        completion.fail(.unreachable("\(error)"))
        context.close(promise: nil)
    }
}
