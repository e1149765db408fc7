/// The two ways to carry a query (RFC 1035 §4.2).
public enum DNSTransportProtocol: Sendable, Hashable, CustomStringConvertible {
    case udp
    case tcp

    public var description: String { self == .udp ? "UDP" : "TCP" }
}

/// Why an exchange with one server failed.
public enum DNSTransportError: Error, Sendable, Hashable {
    case timeout
    /// Only undecodable or mismatched answers arrived before the timeout.
    case malformed(String)
    /// The server's port is closed, the connection failed or was cut.
    case unreachable(String)
}

/// Sends one query to one server and returns the first acceptable answer: from that
/// server's address and port, decodable, with the query's ID and question
/// (`ResponseValidation`). The resolver's logic sits above this, so tests can replace it.
public protocol DNSTransport: Sendable {
    func exchange(_ query: DNSMessage, with server: NameserverAddress, over transport: DNSTransportProtocol,
                  timeout: Duration) async throws(DNSTransportError) -> DNSMessage
}

/// Checks that a message answers a query (RFC 5452 §9.1: ID, question name, type and
/// class must all match; names compared without regard to case).
public enum ResponseValidation {
    public static func answers(_ response: DNSMessage, query: DNSMessage) -> Bool {
        guard response.header.isResponse, response.header.id == query.header.id,
              response.header.opcode == query.header.opcode else { return false }
        // A server without EDNS0 may answer FORMERR without echoing the question
        // (RFC 6891 §7); the resolver then asks again without the OPT record.
        return response.questions == query.questions
            || (response.questions.isEmpty && response.header.rcodeLow == UInt8(DNSResponseCode.formatError.rawValue))
    }
}
