/// A server response (RFC 3501 §7), to be turned into bytes by `IMAPResponseEncoder`.
public enum IMAPResponse: Hashable, Sendable {
    /// `tag OK|NO|BAD [code] text`: the end of a command.
    case tagged(String, IMAPStatus, code: IMAPResponseCode?, text: String)
    /// `* …`: data or a condition.
    case untagged(IMAPUntaggedResponse)
    /// `+ text`: go on (literal, IDLE).
    case continuation(String)
    /// `+ base64`: a SASL challenge (RFC 3501 §6.2.2); empty data gives "+ ".
    case continuationData([UInt8])
}

/// Status of a tagged response.
public enum IMAPStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
}

/// Status of an untagged condition (RFC 3501 §7.1).
public enum IMAPConditionStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    /// Greeting of a pre-authenticated connection.
    case preauth = "PREAUTH"
    /// The server is closing the connection.
    case bye = "BYE"
}
