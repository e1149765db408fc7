import NIOCore
import NIOPosix
import NIOSSL

/// A listening socket for one protocol service: each accepted connection gets a fresh
/// handler from `makeHandler`, behind a TLS handler when the port is implicit TLS (465,
/// 993, 995). Shared by SMTP, IMAP, POP3 and ManageSieve.
public final class TCPListener: Sendable {
    public let channel: any Channel
    /// The open connections, drained at shutdown.
    public let connections: ConnectionRegistry

    private init(channel: any Channel, connections: ConnectionRegistry) {
        self.channel = channel
        self.connections = connections
    }

    /// `connectionGuard` admits each connection (per-IP limits, the process budget) before
    /// the protocol handler is added, and logs accept back-offs.
    public static func bind(host: String, port: Int, group: any EventLoopGroup, implicitTLS: NIOSSLContext?,
                            connectionGuard: ConnectionGuard? = nil,
                            makeHandler: @escaping @Sendable () -> any ChannelHandler) async throws -> TCPListener {
        let connections = ConnectionRegistry()
        // Held from the first listener on; released while accepting has no descriptor.
        DescriptorReserve.shared.refill()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .serverChannelInitializer { channel in
                // accept(2) failing (EMFILE: no descriptor left) pauses accepting instead
                // of retrying at once for ever at 100 % CPU (see `AcceptBackoff`).
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoff(log: connectionGuard?.log))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let connectionGuard, try !connectionGuard.admit(channel, implicitTLS: implicitTLS != nil) { return }
                    connections.add(channel)
                    let operations = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try operations.addHandler(NIOSSLServerHandler(context: implicitTLS))
                    }
                    try operations.addHandler(makeHandler())
                }
            }
            .bind(host: host, port: port)
            .get()
        return TCPListener(channel: channel, connections: connections)
    }

    /// The port actually bound (port 0 picks a free one).
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Stops accepting; open connections carry on until they end.
    public func close() async {
        try? await channel.close()
    }

    /// Stops accepting, then asks every open connection to finish and waits for them (at
    /// most `deadline`; what is still open then is closed).
    public func shutdown(drainDeadline: Duration) async {
        try? await channel.close()
        await connections.drain(deadline: drainDeadline)
    }
}
