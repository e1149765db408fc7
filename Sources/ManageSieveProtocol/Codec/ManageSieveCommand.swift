/// One ManageSieve command (RFC 5804 §2). Script names are validated (§1.6); script
/// contents are the octets as sent, for the Sieve compiler to judge.
public enum ManageSieveCommand: Hashable, Sendable {
    /// §2.1. The mechanism upper-cased; the initial response still base64.
    case authenticate(mechanism: String, initialResponse: [UInt8]?)
    case startTLS
    case logout
    case capability
    /// §2.5: the size is a 32-bit number.
    case haveSpace(name: String, size: Int)
    case putScript(name: String, content: [UInt8])
    case listScripts
    /// §2.8: the empty name deactivates.
    case setActive(name: String)
    case getScript(name: String)
    case deleteScript(name: String)
    case renameScript(oldName: String, newName: String)
    case checkScript(content: [UInt8])
    /// §2.13: the tag is echoed in a TAG response code.
    case noop(tag: String?)
    /// §2.14.1.
    case unauthenticate

    /// The command name, for logs.
    public var name: String {
        switch self {
        case .authenticate: return "AUTHENTICATE"
        case .startTLS: return "STARTTLS"
        case .logout: return "LOGOUT"
        case .capability: return "CAPABILITY"
        case .haveSpace: return "HAVESPACE"
        case .putScript: return "PUTSCRIPT"
        case .listScripts: return "LISTSCRIPTS"
        case .setActive: return "SETACTIVE"
        case .getScript: return "GETSCRIPT"
        case .deleteScript: return "DELETESCRIPT"
        case .renameScript: return "RENAMESCRIPT"
        case .checkScript: return "CHECKSCRIPT"
        case .noop: return "NOOP"
        case .unauthenticate: return "UNAUTHENTICATE"
        }
    }
}
