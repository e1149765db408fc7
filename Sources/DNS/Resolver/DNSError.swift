/// Why a lookup gave no records. Mail delivery needs to know whether to give up
/// (`isPermanent`: bounce) or to try again later (RFC 5321 §5.1, §4.5.4.1).
public enum DNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// NXDOMAIN: the name does not exist (after following CNAMEs, the last name).
    case nonexistentDomain(DNSName)
    /// NOERROR without records of the type: the name exists, the data does not.
    case noData(DNSName, DNSRecordType)
    /// Every server answered SERVFAIL, REFUSED, NOTIMP or another error code.
    case serverFailure(DNSResponseCode)
    /// No server answered in time.
    case timeout
    /// Answers could not be decoded or did not match the question.
    case malformedResponse(String)
    /// A CNAME chain that loops or exceeds the configured length.
    case cnameChain(DNSName)
    /// The name or address asked about is not valid.
    case invalidName(String)
    /// Sockets could not be opened or the server refused the connection.
    case network(String)

    /// True for answers that will not change by asking again soon: the name or the data
    /// does not exist, or the question itself is invalid.
    public var isPermanent: Bool {
        switch self {
        case .nonexistentDomain, .noData, .invalidName: return true
        case .serverFailure, .timeout, .malformedResponse, .cnameChain, .network: return false
        }
    }

    public var isTemporary: Bool { !isPermanent }

    public var description: String {
        switch self {
        case .nonexistentDomain(let name): return "\(name.withoutTrailingDot): no such domain (NXDOMAIN)"
        case .noData(let name, let type): return "\(name.withoutTrailingDot): no \(type) records"
        case .serverFailure(let code): return "nameserver failure (\(code))"
        case .timeout: return "no answer from the nameservers (timeout)"
        case .malformedResponse(let reason): return "malformed answer: \(reason)"
        case .cnameChain(let name): return "\(name.withoutTrailingDot): CNAME chain loops or is too long"
        case .invalidName(let text): return "invalid name \(text)"
        case .network(let reason): return "network error: \(reason)"
        }
    }
}
