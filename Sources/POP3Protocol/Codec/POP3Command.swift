/// One POP3 command (RFC 1939 §§4–7, RFC 2449 CAPA, RFC 5034 AUTH, RFC 2595 STLS).
///
/// Message numbers are as the client wrote them; a number too large for `Int` is kept as
/// `Int.max`, which no maildrop holds, so it gets "no such message" rather than a crash.
public enum POP3Command: Hashable, Sendable {
    case user(String)
    /// The whole rest of the line: RFC 1939 §7 lets a password contain spaces.
    case pass(String)
    /// `AUTH` alone lists the mechanisms (a widespread extension of RFC 5034); otherwise the
    /// mechanism (upper-cased) and the optional initial response, still base64.
    case auth(mechanism: String?, initialResponse: String?)
    case capa
    case stls
    case stat
    case list(Int?)
    case uidl(Int?)
    case retr(Int)
    case top(Int, lines: Int)
    case dele(Int)
    case noop
    case rset
    case quit

    /// The keyword, for logs.
    public var keyword: String {
        switch self {
        case .user: return "USER"
        case .pass: return "PASS"
        case .auth: return "AUTH"
        case .capa: return "CAPA"
        case .stls: return "STLS"
        case .stat: return "STAT"
        case .list: return "LIST"
        case .uidl: return "UIDL"
        case .retr: return "RETR"
        case .top: return "TOP"
        case .dele: return "DELE"
        case .noop: return "NOOP"
        case .rset: return "RSET"
        case .quit: return "QUIT"
        }
    }
}
