import NIOCore
import NIOPosix

/// The real transport: a fresh UDP socket on a random source port per query (RFC 5452
/// §9.2), connected to the server; TCP with the 2-byte length prefix when asked.
public struct NIODNSTransport: DNSTransport {
    private let group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    public func exchange(_ query: DNSMessage, with server: NameserverAddress, over transport: DNSTransportProtocol,
                         timeout: Duration) async throws(DNSTransportError) -> DNSMessage {
        let bytes: [UInt8]
        let address: SocketAddress
        do {
            bytes = try query.encoded()
        } catch {
            throw .malformed("cannot encode the query: \(error)")
        }
        do {
            address = try SocketAddress(ipAddress: server.address.description, port: server.port)
        } catch {
            throw .unreachable("bad server address \(server)")
        }
        let loop = group.next()
        let promise = loop.makePromise(of: DNSMessage.self)
        let channel: (any Channel)?
        switch transport {
        case .udp:
            channel = await openUDP(query: query, bytes: bytes, server: address, timeout: timeout, loop: loop, promise: promise)
        case .tcp:
            channel = await openTCP(query: query, bytes: bytes, server: address, timeout: timeout, loop: loop, promise: promise)
        }
        defer { channel?.close(promise: nil) }
        do {
            return try await promise.futureResult.get()
        } catch let error as DNSTransportError {
            throw error
        } catch {
            throw .unreachable("\(error)")
        }
    }

    /// Binds a UDP socket to a random port (a few tries, then any port the kernel picks),
    /// connects it to the server and sends the query. Failures complete `promise`.
    private func openUDP(query: DNSMessage, bytes: [UInt8], server: SocketAddress, timeout: Duration,
                         loop: any EventLoop, promise: EventLoopPromise<DNSMessage>) async -> (any Channel)? {
        let wildcard = server.protocol == .inet6 ? "::" : "0.0.0.0"
        let timeAmount = timeout.timeAmount
        let bootstrap = DatagramBootstrap(group: loop)
        var channel: (any Channel)? = nil
        for attempt in 0..<6 {
            let port = attempt < 5 ? Int.random(in: 10_000...65_535) : 0
            if let bound = try? await bootstrap.bind(host: wildcard, port: port).get() {
                channel = bound
                break
            }
        }
        guard let channel else {
            promise.fail(DNSTransportError.unreachable("cannot open a UDP socket"))
            return nil
        }
        do {
            // The handler goes in after a successful bind, so a failed bind on a busy port
            // does not complete the promise.
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    UDPExchangeHandler(query: query, server: server, timeout: timeAmount, promise: promise))
            }.get()
            try await channel.connect(to: server).get()
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: buffer)).get()
        } catch {
            promise.fail(DNSTransportError.unreachable("cannot send to \(server): \(error)"))
        }
        return channel
    }

    /// Connects over TCP; the handler sends the query once connected.
    private func openTCP(query: DNSMessage, bytes: [UInt8], server: SocketAddress, timeout: Duration,
                         loop: any EventLoop, promise: EventLoopPromise<DNSMessage>) async -> (any Channel)? {
        let timeAmount = timeout.timeAmount
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeAmount)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        TCPExchangeHandler(query: query, queryBytes: bytes, timeout: timeAmount, promise: promise))
                }
            }
        do {
            return try await bootstrap.connect(to: server).get()
        } catch {
            promise.fail(DNSTransportError.unreachable("cannot connect to \(server) over TCP: \(error)"))
            return nil
        }
    }
}
