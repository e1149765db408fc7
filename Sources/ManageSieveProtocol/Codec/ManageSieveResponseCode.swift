/// A response code (RFC 5804 §1.3), sent in parentheses after OK, NO or BYE.
public enum ManageSieveResponseCode: Hashable, Sendable {
    /// The mechanism is too weak for this user.
    case authTooWeak
    /// Site policy wants encryption for this mechanism (e.g. PLAIN without TLS).
    case encryptNeeded
    case quota
    /// QUOTA/MAXSCRIPTS: too many scripts.
    case quotaMaxScripts
    /// QUOTA/MAXSIZE: the script is too large.
    case quotaMaxSize
    /// With BYE: the Sieve URL of the server to use instead.
    case referral(String)
    /// Final SASL data in the OK of AUTHENTICATE, base64.
    case sasl(String)
    case transitionNeeded
    /// A temporary server failure.
    case tryLater
    /// Not allowed on the active script (DELETESCRIPT).
    case active
    case nonexistent
    case alreadyExists
    /// Echoes the string of NOOP.
    case tag(String)
    /// OK with warnings from the script check.
    case warnings

    /// The wire form inside the parentheses.
    var encoded: [UInt8] {
        switch self {
        case .authTooWeak: return Array("AUTH-TOO-WEAK".utf8)
        case .encryptNeeded: return Array("ENCRYPT-NEEDED".utf8)
        case .quota: return Array("QUOTA".utf8)
        case .quotaMaxScripts: return Array("QUOTA/MAXSCRIPTS".utf8)
        case .quotaMaxSize: return Array("QUOTA/MAXSIZE".utf8)
        case .referral(let url):
            // `sieveurl` is not a string: keep it to characters that cannot end the code.
            let safe = url.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ")") && $0 != 0x22 }
            return Array("REFERRAL ".utf8) + safe
        case .sasl(let data): return Array("SASL ".utf8) + ManageSieveWire.string(Array(data.utf8))
        case .transitionNeeded: return Array("TRANSITION-NEEDED".utf8)
        case .tryLater: return Array("TRYLATER".utf8)
        case .active: return Array("ACTIVE".utf8)
        case .nonexistent: return Array("NONEXISTENT".utf8)
        case .alreadyExists: return Array("ALREADYEXISTS".utf8)
        case .tag(let tag): return Array("TAG ".utf8) + ManageSieveWire.string(Array(tag.utf8))
        case .warnings: return Array("WARNINGS".utf8)
        }
    }
}
