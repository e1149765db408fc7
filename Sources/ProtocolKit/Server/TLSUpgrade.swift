import NIOCore
import NIOSSL

/// The STARTTLS/STLS upgrade and what protocol handlers need to know about TLS.
public enum TLSUpgrade {
    /// Call right after the "ready to start TLS" reply was written and flushed: puts a TLS
    /// handler in front of the pipeline, so the next octets from the client are the
    /// handshake. The protocol session must already have discarded any plaintext pipelined
    /// after the command (RFC 3207 §4.2, RFC 2595 §3.1).
    public static func start(_ context: ChannelHandlerContext, tls: NIOSSLContext) throws {
        try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
    }

    /// "TLSv1.3" etc. for logs and `Received:` headers, from the pipeline's TLS handler.
    public static func versionName(_ context: ChannelHandlerContext) -> String {
        switch try? context.pipeline.syncOperations.nioSSL_tlsVersion() {
        case .tlsv13: return "TLSv1.3"
        case .tlsv12: return "TLSv1.2"
        case .tlsv11: return "TLSv1.1"
        case .tlsv1: return "TLSv1"
        default: return "TLS"
        }
    }

    /// A client that closes without close_notify: routine, not worth more than a debug line.
    public static func isUncleanShutdown(_ error: any Error) -> Bool {
        (error as? NIOSSLError) == .uncleanShutdown
    }
}

extension ChannelHandlerContext {
    /// The peer's IP address as text, "unknown" for non-IP channels.
    public var remoteIPAddress: String {
        channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

extension Duration {
    /// NIO's `TimeAmount` for a Swift `Duration` (saturating).
    public var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        let nanos = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanos.overflow else { return .nanoseconds(.max) }
        return .nanoseconds(nanos.partialValue + attoseconds / 1_000_000_000)
    }
}
