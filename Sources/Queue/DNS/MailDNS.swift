/// The DNS lookups outbound delivery needs, behind a protocol so that routing can be
/// tested against a fake and the resolver can be swapped.
public protocol MailDNS: Sendable {
    /// The MX records of `domain` (RFC 5321 §5.1). An empty array means the domain exists
    /// but has no MX records (its address records are then used). Throws
    /// `MailDNSError.notFound` for NXDOMAIN, `.temporary` for anything worth retrying.
    func mxRecords(for domain: String) async throws(MailDNSError) -> [MXRecord]

    /// The IPv4 and IPv6 addresses of `host`, as text (`192.0.2.1`, `2001:db8::1`).
    func addresses(of host: String) async throws(MailDNSError) -> [String]
}

/// One MX record.
public struct MXRecord: Hashable, Sendable {
    public var preference: Int
    /// The exchange host without trailing dot; "" or "." for the root (null MX, RFC 7505).
    public var exchange: String

    public init(preference: Int, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }

    /// RFC 7505 §3: the exchange is the root.
    public var isNull: Bool { exchange.isEmpty || exchange == "." }
}

/// Why a lookup gave nothing.
public enum MailDNSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// NXDOMAIN (or no address records at all): the name does not exist for mail.
    case notFound(String)
    /// Timeouts, SERVFAIL, network trouble: try later.
    case temporary(String)

    public var description: String {
        switch self {
        case .notFound(let why), .temporary(let why): return why
        }
    }

    public var isPermanent: Bool {
        if case .notFound = self { return true }
        return false
    }
}
