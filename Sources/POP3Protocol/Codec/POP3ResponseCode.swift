/// An extended response code, sent in square brackets at the start of the text
/// (RFC 2449 §8). Hierarchical with "/" (clients ignore detail they do not know).
public struct POP3ResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// RFC 2449 §8.1.2: authenticated, but the maildrop is locked by another session.
    public static let inUse = POP3ResponseCode(rawValue: "IN-USE")
    /// RFC 2449 §8.1.1: logged in too recently; try again later.
    public static let loginDelay = POP3ResponseCode(rawValue: "LOGIN-DELAY")
    /// RFC 3206 §4: a temporary server problem; the same command may work later.
    public static let systemTemporary = POP3ResponseCode(rawValue: "SYS/TEMP")
    /// RFC 3206 §4: a lasting server problem the user should report.
    public static let systemPermanent = POP3ResponseCode(rawValue: "SYS/PERM")
    /// RFC 3206 §5: the credentials are the problem (wrong, or not allowed here).
    public static let auth = POP3ResponseCode(rawValue: "AUTH")

    public var description: String { rawValue }
}
