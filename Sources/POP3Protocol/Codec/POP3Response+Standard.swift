/// The responses the session sends, in one place so that texts and codes stay consistent.
extension POP3Response {
    // MARK: Authorization

    static func greeting(_ banner: String) -> POP3Response { .ok(banner) }
    static let userAccepted = POP3Response.ok("Send PASS")
    static let loggedIn = POP3Response.ok("Logged in")
    static let authFailed = POP3Response.err("Authentication failed", code: .auth)
    /// RFC 2595 §2.1 / RFC 3206 §5: [AUTH] when the credentials may not be used this way.
    static let plaintextDisallowed = POP3Response.err(
        "Plaintext authentication disallowed on non-secure connections; use STLS first", code: .auth)
    static let noUserGiven = POP3Response.err("No user name given; send USER first")
    static let unknownMechanism = POP3Response.err("Unsupported authentication mechanism")
    static let authCancelled = POP3Response.err("Authentication cancelled")
    static func authUndecodable(_ why: String) -> POP3Response { .err("Cannot decode response: \(why)") }
    static let authLineTooLong = POP3Response.err("Authentication response line too long")
    static let alreadyAuthenticated = POP3Response.err("Already authenticated")
    static let maildropInUse = POP3Response.err("Maildrop is locked by another session", code: .inUse)
    static func challenge(_ base64: String) -> POP3Response { POP3Response(status: .continuation, text: base64) }

    // MARK: TLS

    static let beginTLS = POP3Response.ok("Begin TLS negotiation")
    static let tlsActive = POP3Response.err("Command not permitted when TLS active")
    static let tlsUnavailable = POP3Response.err("TLS is not available")

    // MARK: State and syntax

    static let wrongState = POP3Response.err("Command not valid in this state")
    static let lineTooLong = POP3Response.err("Line too long")
    static let tooManyErrors = POP3Response.err("Too many bad commands, closing connection")
    static let noSuchMessage = POP3Response.err("No such message")
    static let messageDeleted = POP3Response.err("Message is deleted")

    // MARK: Closing

    static let bye = POP3Response.ok("Logging out")
    static let updateFailed = POP3Response.err("Some deleted messages were not removed", code: .systemTemporary)
    static let serverTimeout = POP3Response.err("Server timed out, try again later", code: .systemTemporary)
}
