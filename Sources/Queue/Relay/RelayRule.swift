import Directory
import MailCore
import SMTPProtocol

/// How the connection to a relay host is encrypted (`postino relay add --tls`).
public enum RelayTLSMode: String, Hashable, Sendable, CaseIterable, Codable {
    /// Plain SMTP. Credentials, if any, travel in clear.
    case none
    /// STARTTLS must succeed (the certificate is not verified, as Postfix's `encrypt`).
    case starttls
    /// TLS from the first octet (SMTPS, RFC 8314).
    case implicit

    /// The usual port for the mode: 25, submission 587, SMTPS 465.
    public var defaultPort: Int {
        switch self {
        case .none: return 25
        case .starttls: return 587
        case .implicit: return 465
        }
    }

    var clientPolicy: SMTPClientTLSPolicy {
        switch self {
        case .none: return .none
        case .starttls: return .required
        case .implicit: return .implicit
        }
    }
}

/// A relay host rule: mail from `sender` (an address, a domain, or `*` for the default
/// relay host, the smarthost) leaves through `host`.
///
/// The password is stored as given in the database (postino.sqlite, mode 0600 in a 0700
/// directory): it has to be sent to the relay host, so it cannot be hashed. Whoever can
/// read the database can read it; use a credential dedicated to this server.
public struct RelayRule: Hashable, Sendable {
    /// The smarthost's key.
    public static let smarthostKey = "*"

    /// Lower-cased address (`alice@example.com`), domain (`example.com`) or `*`.
    public var sender: String
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var tls: RelayTLSMode

    public init(sender: String, host: String, port: Int? = nil, username: String? = nil, password: String? = nil,
                tls: RelayTLSMode = .starttls) {
        self.sender = sender
        self.host = host
        self.port = port ?? tls.defaultPort
        self.username = username
        self.password = password
        self.tls = tls
    }

    public var isSmarthost: Bool { sender == Self.smarthostKey }

    /// Where to connect and how.
    public var endpoint: RelayEndpoint {
        var credentials: SMTPClientCredentials?
        if let username, let password { credentials = SMTPClientCredentials(username: username, password: password) }
        return RelayEndpoint(host: host, port: port, tls: tls.clientPolicy, credentials: credentials,
                             allowPlaintextAuthentication: tls == .none)
    }

    /// Validates and normalises what an administrator typed: the sender key (address or
    /// domain), the host name or IP address, the port and the credentials.
    public static func validated(sender: String, host: String, port: Int?, username: String?, password: String?,
                                 tls: RelayTLSMode) throws(RelayRuleError) -> RelayRule {
        let key = try senderKey(sender)
        let cleanHost = host.trimmingASCIIWhitespace
        let chosenPort = port ?? tls.defaultPort
        guard (1...65_535).contains(chosenPort) else { throw .invalid("port must be 1-65535") }
        do {
            let spec = cleanHost.contains(":") ? "[\(cleanHost)]:\(chosenPort)" : "\(cleanHost):\(chosenPort)"
            _ = try RelayTarget.parse(spec)
        } catch {
            throw .invalid("invalid host \"\(host)\": \(error)")
        }
        if (username == nil) != (password == nil) { throw .invalid("give both --user and --password-stdin, or neither") }
        if let username, username.isEmpty || username.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw .invalid("invalid user name")
        }
        if let password, password.isEmpty || password.utf8.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D }) {
            throw .invalid("invalid password (empty, or with a line break or NUL)")
        }
        return RelayRule(sender: key, host: cleanHost.lowercased(), port: chosenPort, username: username,
                         password: password, tls: tls)
    }

    /// `alice@Example.COM` → `alice@example.com`, `Example.COM` → `example.com`.
    public static func senderKey(_ text: String) throws(RelayRuleError) -> String {
        let trimmed = text.trimmingASCIIWhitespace
        if trimmed == smarthostKey { return smarthostKey }
        if trimmed.contains("@") {
            guard let address = try? EmailAddress.parse(trimmed) else {
                throw .invalid("\"\(text)\" is not a valid address or domain")
            }
            return address.localPart.lowercased() + "@" + address.normalizedDomain
        }
        var domain = trimmed.lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        guard let parsed = try? EmailAddress.parse("x@" + domain), !parsed.isAddressLiteral else {
            throw .invalid("\"\(text)\" is not a valid address or domain")
        }
        return parsed.normalizedDomain
    }
}

/// A relay host and how to talk to it.
public struct RelayEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var tls: SMTPClientTLSPolicy
    public var credentials: SMTPClientCredentials?
    public var allowPlaintextAuthentication: Bool

    public init(host: String, port: Int, tls: SMTPClientTLSPolicy, credentials: SMTPClientCredentials? = nil,
                allowPlaintextAuthentication: Bool = false) {
        self.host = host
        self.port = port
        self.tls = tls
        self.credentials = credentials
        self.allowPlaintextAuthentication = allowPlaintextAuthentication
    }

    public var description: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return "\(name):\(port)"
    }
}

public enum RelayRuleError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)
    case notFound(String)
    case storage(String)

    public var description: String {
        switch self {
        case .invalid(let why): return why
        case .notFound(let key): return key == RelayRule.smarthostKey ? "no default relay host is set" : "no relay host rule for \(key)"
        case .storage(let why): return "database error: \(why)"
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingASCIIWhitespace: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
