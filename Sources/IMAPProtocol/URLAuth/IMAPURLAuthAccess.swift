/// The `<access>` of `;URLAUTH=<access>:<mech>:<token>` (RFC 4467 §3, RFC 5092 §6.1.2):
/// who may URLFETCH the URL.
public enum IMAPURLAuthAccess: Hashable, Sendable {
    /// `submit+USER`: a session authorized as a message submission entity; the user is
    /// the submitter's business, not the IMAP server's (§3).
    case submit(String)
    /// `user+USER`: only a session whose authorization identity is USER.
    case user(String)
    /// `authuser`: any session logged in as a non-anonymous user.
    case authUser
    /// `anonymous`: any session in the authenticated or selected state.
    case anonymous

    /// Parses `access = ("submit+" enc-user) / ("user+" enc-user) / "authuser" /
    /// "anonymous"` (RFC 4467 §9; prefixes are case-insensitive, the user percent-decoded).
    public init?(_ text: some StringProtocol) {
        let lower = text.lowercased()
        if lower == "authuser" { self = .authUser; return }
        if lower == "anonymous" { self = .anonymous; return }
        for (prefix, make) in [("submit+", IMAPURLAuthAccess.submit), ("user+", IMAPURLAuthAccess.user)] where lower.hasPrefix(prefix) {
            let encoded = text.dropFirst(prefix.count)
            guard IMAPURLText.isEncUser(encoded), let user = IMAPURLText.percentDecoded(encoded) else { return nil }
            self = make(user)
            return
        }
        return nil
    }

    /// Whether a session may use the URL (RFC 4467 §3). `sessionUser` is the session's
    /// authorization identity (nil: anonymous); `isSubmitter`: that identity is authorized
    /// as a message submission entity. User names compare case-insensitively, as logins do.
    public func permits(sessionUser: String?, isSubmitter: Bool) -> Bool {
        switch self {
        case .anonymous: return true
        case .authUser: return sessionUser != nil
        case .user(let name):
            guard let sessionUser else { return false }
            return sessionUser.lowercased() == name.lowercased()
        case .submit: return sessionUser != nil && isSubmitter
        }
    }
}

/// Character rules and percent-decoding of IMAP URLs (RFC 5092 §11), without Foundation.
enum IMAPURLText {
    /// `enc-user = 1*achar`, `achar = uchar / "&" / "=" / "~"`, `uchar = unreserved /
    /// pct-encoded / sub-delims-sh`.
    static func isEncUser(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || "-._~!$'()*+,&=%".utf8.contains(b)
        }
    }

    /// `%XX` decoded; nil for a broken escape or a result that is not UTF-8.
    static func percentDecoded(_ text: some StringProtocol) -> String? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            guard b == 0x25 else { out.append(b); continue }
            guard bytes.count >= 2, let hi = hexValue(bytes[bytes.startIndex]), let lo = hexValue(bytes[bytes.startIndex + 1]) else {
                return nil
            }
            out.append(hi << 4 | lo)
            bytes = bytes.dropFirst(2)
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
