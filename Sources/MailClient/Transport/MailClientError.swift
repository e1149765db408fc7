/// Why a connection to a remote mail server failed, precise enough for a CLI to tell the
/// administrator what to fix.
public enum MailClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host name did not resolve.
    case dnsFailure(host: String, reason: String)
    /// Nothing listens there (or a firewall rejects).
    case connectionRefused(host: String, port: Int, reason: String)
    /// Connecting, or waiting for the server, took longer than allowed.
    case timeout(stage: String)
    /// The TLS handshake failed for a reason other than the certificate.
    case tlsHandshake(reason: String)
    /// The server's certificate is not trusted or does not name the host.
    case certificateInvalid(reason: String)
    /// The server said something the client cannot understand, or refused a command the
    /// protocol requires (greeting, STARTTLS).
    case protocolError(String)
    /// The server refused a command (IMAP `NO`/`BAD`, POP3 `-ERR`) with this text.
    case commandFailed(command: String, response: String)
    /// Authentication was refused.
    case authenticationFailed(String)
    /// The connection closed while a reply was expected.
    case connectionClosed
    /// Another socket-level failure.
    case io(String)

    public var description: String {
        switch self {
        case let .dnsFailure(host, reason): return "cannot resolve \(host): \(reason)"
        case let .connectionRefused(host, port, reason): return "cannot connect to \(host):\(port): \(reason)"
        case let .timeout(stage): return "timed out (\(stage))"
        case let .tlsHandshake(reason): return "TLS handshake failed: \(reason)"
        case let .certificateInvalid(reason): return "certificate not valid: \(reason) (use --tls-verify off for a self-signed server)"
        case let .protocolError(text): return "protocol error: \(text)"
        case let .commandFailed(command, response): return "\(command) refused: \(response)"
        case let .authenticationFailed(text): return "authentication failed: \(text)"
        case .connectionClosed: return "connection closed by the server"
        case let .io(text): return text
        }
    }

    /// A short machine-readable kind (`dns`, `refused`, `timeout`, `tls`, `certificate`,
    /// `protocol`, `command`, `auth`, `closed`, `io`) for JSON output.
    public var kind: String {
        switch self {
        case .dnsFailure: return "dns"
        case .connectionRefused: return "refused"
        case .timeout: return "timeout"
        case .tlsHandshake: return "tls"
        case .certificateInvalid: return "certificate"
        case .protocolError: return "protocol"
        case .commandFailed: return "command"
        case .authenticationFailed: return "auth"
        case .connectionClosed: return "closed"
        case .io: return "io"
        }
    }
}
