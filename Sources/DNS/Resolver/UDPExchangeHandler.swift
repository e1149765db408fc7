import NIOCore
import NIOPosix

/// Waits on a connected UDP socket for the answer to one query. Datagrams from another
/// address, undecodable ones and ones that do not answer the question are dropped (an
/// off-path attacker's guesses must not end the wait); the socket being connected, the
/// kernel already filters most of them and reports a closed port as ECONNREFUSED.
final class UDPExchangeHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let query: DNSMessage
    private let server: SocketAddress
    private let timeout: TimeAmount
    private var completion: ExchangeCompletion

    init(query: DNSMessage, server: SocketAddress, timeout: TimeAmount, promise: EventLoopPromise<DNSMessage>) {
        self.query = query
        self.server = server
        self.timeout = timeout
        self.completion = ExchangeCompletion(promise: promise)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let task = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            completion.timedOut()
        }
        completion.armTimeout(task)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        completion.fail(.unreachable("socket closed"))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == server else { return }
        let bytes = Array(envelope.data.readableBytesView)
        let message: DNSMessage
        do {
            message = try DNSMessage(decoding: bytes)
        } catch {
            completion.lastProblem = "\(error)"
            return
        }
        guard ResponseValidation.answers(message, query: query) else {
            completion.lastProblem = "answer does not match the question"
            return
        }
        completion.succeed(message)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED {
            completion.fail(.unreachable("port closed (connection refused)"))
        } else {
            completion.fail(.unreachable("\(error)"))
        }
    }
}
