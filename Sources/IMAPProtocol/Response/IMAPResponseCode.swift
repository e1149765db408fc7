/// A response code (`[…]` after the status, RFC 3501 §7.1 and the extensions; RFC 5530
/// for the generic ones).
public enum IMAPResponseCode: Hashable, Sendable {
    case alert
    /// The charsets the server supports.
    case badCharset([String])
    case capability([String])
    case parse
    /// The flags the client can change permanently; `allowsNewKeywords` adds `\*`.
    case permanentFlags([IMAPFlag], allowsNewKeywords: Bool)
    case readOnly
    case readWrite
    case tryCreate
    case uidNext(UInt32)
    case uidValidity(UInt32)
    case unseen(UInt32)
    /// RFC 4315.
    case appendUID(uidValidity: UInt32, uids: IMAPSequenceSet)
    case copyUID(uidValidity: UInt32, source: IMAPSequenceSet, destination: IMAPSequenceSet)
    case uidNotSticky
    /// RFC 7162.
    case highestModSeq(UInt64)
    case noModSeq
    case modified(IMAPNumberSet)
    case closed
    /// RFC 7889.
    case tooBig
    /// RFC 9208.
    case overQuota
    /// RFC 5530.
    case limit
    case nonexistent
    case alreadyExists
    case noPerm
    case inUse
    case cannot
    case serverBug
    case clientBug
    case authenticationFailed
    case authorizationFailed
    case expired
    case privacyRequired
    case contactAdmin
    case unavailable
    case expungeIssued
    case corruption
    case hasChildren
    case useAttribute
    /// RFC 3516: BINARY of a part whose transfer encoding is unknown.
    case unknownCTE
    /// Anything else: an atom and optional text (no "]").
    case other(String, String?)
}
