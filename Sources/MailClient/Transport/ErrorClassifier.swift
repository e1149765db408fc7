#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import NIOSSL

/// Turns NIO's error types into `MailClientError`s.
enum ErrorClassifier {
    static func connect(_ error: any Error, host: String, port: Int) -> MailClientError {
        if let connection = error as? NIOConnectionError {
            if connection.connectionErrors.isEmpty, let dns = connection.dnsAError ?? connection.dnsAAAAError {
                return .dnsFailure(host: host, reason: "\(dns)")
            }
            if connection.connectionErrors.isEmpty {
                return .dnsFailure(host: host, reason: "no address")
            }
            if let first = connection.connectionErrors.first {
                return connect(first.error, host: host, port: port)
            }
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return .timeout(stage: "connect to \(host):\(port)")
        }
        if let io = error as? IOError {
            let reason = String(cString: strerror(io.errnoCode))
            return .connectionRefused(host: host, port: port, reason: reason)
        }
        if let resolution = error as? SocketAddressError {
            return .dnsFailure(host: host, reason: "\(resolution)")
        }
        let text = "\(error)"
        if text.contains("getaddrinfo") || text.contains("resolution") {
            return .dnsFailure(host: host, reason: text)
        }
        return .connectionRefused(host: host, port: port, reason: text)
    }

    /// Errors that arrive on an open channel (TLS, resets).
    static func channel(_ error: any Error) -> MailClientError {
        if let known = error as? MailClientError { return known }
        if let ssl = error as? NIOSSLError {
            let text = "\(ssl)"
            switch ssl {
            case .handshakeFailed:
                if text.lowercased().contains("certificate") {
                    return .certificateInvalid(reason: text)
                }
                return .tlsHandshake(reason: text)
            case .unableToValidateCertificate:
                return .certificateInvalid(reason: text)
            case .uncleanShutdown:
                return .connectionClosed
            default:
                return .tlsHandshake(reason: text)
            }
        }
        if let extended = error as? NIOSSLExtraError {
            return .certificateInvalid(reason: "\(extended)")
        }
        if let io = error as? IOError {
            return .io(String(cString: strerror(io.errnoCode)))
        }
        return .io("\(error)")
    }
}
