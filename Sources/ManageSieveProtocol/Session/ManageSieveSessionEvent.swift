/// Everything that happens to a session: socket input, TLS progress, timers, and the
/// server's answers to the questions the session asked (`ManageSieveSessionAction`).
public enum ManageSieveSessionEvent: Sendable {
    /// The connection is open. Sends the greeting (capabilities, then OK).
    case connected(ManageSieveConnectionInfo)
    /// Octets from the client, in any chunking (decrypted when under TLS).
    case received([UInt8])
    /// The STARTTLS handshake completed: the capabilities are sent again (RFC 5804 §2.2).
    case tlsEstablished
    /// The timer of `ManageSieveSession.timeout` fired.
    case timedOut
    /// The client went away (or the glue closed the channel).
    case connectionClosed
    /// Answer to `.authenticate`.
    case authenticationChecked(ManageSieveAuthenticationResult)
    /// Answer to `.haveSpace`, `.putScript`, `.checkScript`, `.setActive`, `.deleteScript`
    /// and `.renameScript`: the result line, sent as is (a BYE also closes).
    case completed(ManageSieveResponse)
    /// Answer to `.listScripts`.
    case scriptsListed(ManageSieveScriptListResult)
    /// Answer to `.getScript`.
    case scriptFetched(ManageSieveScriptFetchResult)
}

public enum ManageSieveAuthenticationResult: Hashable, Sendable {
    /// The login is valid: the session is authenticated as this user (the OWNER).
    case success(user: String)
    /// NO, and one more failure towards `maxAuthFailures` (the last one gets BYE).
    case invalidCredentials
    /// Sent as is, e.g. NO (TRYLATER) when the directory is down, NO (AUTH-TOO-WEAK); a
    /// BYE also closes.
    case reject(ManageSieveResponse)
}

public enum ManageSieveScriptListResult: Hashable, Sendable {
    /// At most one entry is active (RFC 5804 §2.7).
    case scripts([ManageSieveScriptListEntry])
    case failed(ManageSieveResponse)
}

public enum ManageSieveScriptFetchResult: Hashable, Sendable {
    case script([UInt8])
    /// Usually `ManageSieveResponse.nonexistent`.
    case failed(ManageSieveResponse)
}
