import MailCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A command the POP3 client sends (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH).
public enum POP3ClientCommand: Sendable, Equatable {
    case capa
    case stls
    case user(String)
    case pass(String)
    /// AUTH PLAIN with the initial response (RFC 5034 §4).
    case authPlain(SASLPlainMessage)
    case stat
    case list
    /// UIDL without an argument: the whole listing.
    case uidl
    case retr(Int)
    /// TOP msg n: the header block and `lines` lines of the body.
    case top(Int, lines: Int)
    case dele(Int)
    case rset
    case noop
    case quit

    /// Whether a positive reply is followed by lines and a terminating "." (RFC 1939 §3).
    public var expectsMultiLine: Bool {
        switch self {
        case .capa, .list, .uidl, .retr, .top: return true
        default: return false
        }
    }

    /// The verb, for logs and errors (never the arguments: PASS and AUTH carry secrets).
    public var verb: String {
        switch self {
        case .capa: return "CAPA"
        case .stls: return "STLS"
        case .user: return "USER"
        case .pass: return "PASS"
        case .authPlain: return "AUTH PLAIN"
        case .stat: return "STAT"
        case .list: return "LIST"
        case .uidl: return "UIDL"
        case .retr: return "RETR"
        case .top: return "TOP"
        case .dele: return "DELE"
        case .rset: return "RSET"
        case .noop: return "NOOP"
        case .quit: return "QUIT"
        }
    }

    /// The wire form with CRLF. Arguments with CR, LF or NUL are refused by the session
    /// before they get here (they would split the command).
    public var encoded: [UInt8] {
        let line: String
        switch self {
        case .user(let name): line = "USER \(name)"
        case .pass(let password): line = "PASS \(password)"
        case .authPlain(let message): line = "AUTH PLAIN \(Data(message.encoded).base64EncodedString())"
        case .retr(let n): line = "RETR \(n)"
        case .top(let n, let lines): line = "TOP \(n) \(lines)"
        case .dele(let n): line = "DELE \(n)"
        default: line = verb
        }
        return Array(line.utf8) + [0x0D, 0x0A]
    }

    /// Arguments that could break the line framing (RFC 1939 §3: arguments are printable
    /// and separated by single spaces; a password may contain spaces, never CR/LF/NUL).
    var hasUnsafeArgument: Bool {
        let argument: String
        switch self {
        case .user(let name): argument = name
        case .pass(let password): argument = password
        case .authPlain(let message): argument = message.authenticationID + message.password + (message.authorizationID ?? "")
        default: return false
        }
        return argument.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }
}
