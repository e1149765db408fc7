import MailCore

/// One client command line, parsed (RFC 5321 §4.1 and the extensions Postino offers).
public enum SMTPCommand: Hashable, Sendable {
    /// The argument as given (a domain or address literal; not validated, as most servers).
    case ehlo(String)
    case helo(String)
    /// The path keeps any source route; the session drops it (RFC 5321 §3.6.1).
    case mail(SMTPPath, SMTPMailParameters)
    case rcpt(SMTPPath, SMTPRecipientParameters)
    case data
    /// RFC 3030: the chunk's octets follow the command line immediately.
    case bdat(size: Int, last: Bool)
    case rset
    case noop
    case quit
    case vrfy(String)
    case expn(String)
    case help(String?)
    case startTLS
    /// RFC 4954: the mechanism uppercased; the initial response still base64 (`=` for empty).
    case auth(mechanism: String, initialResponse: String?)

    /// The verb as a client writes it, for logs.
    public var verb: String {
        switch self {
        case .ehlo: return "EHLO"
        case .helo: return "HELO"
        case .mail: return "MAIL"
        case .rcpt: return "RCPT"
        case .data: return "DATA"
        case .bdat: return "BDAT"
        case .rset: return "RSET"
        case .noop: return "NOOP"
        case .quit: return "QUIT"
        case .vrfy: return "VRFY"
        case .expn: return "EXPN"
        case .help: return "HELP"
        case .startTLS: return "STARTTLS"
        case .auth: return "AUTH"
        }
    }
}
