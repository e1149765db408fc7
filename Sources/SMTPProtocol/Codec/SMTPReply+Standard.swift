/// The replies the session sends, in one place so that texts and codes stay consistent.
/// Codes follow RFC 5321 §4.2 and the RFC 5248 registry of enhanced codes.
extension SMTPReply {
    // MARK: Positive

    static func greeting(_ hostname: String, banner: String) -> SMTPReply {
        // RFC 2034 §3: no enhanced code on the greeting.
        SMTPReply(220, nil, "\(hostname) \(banner)")
    }

    static let ok = SMTPReply(250, "2.0.0", "Ok")
    static let senderOk = SMTPReply(250, "2.1.0", "Ok")
    static let recipientOk = SMTPReply(250, "2.1.5", "Ok")
    static func queued(_ queueID: String) -> SMTPReply { SMTPReply(250, "2.0.0", "Ok: queued as \(queueID)") }
    static func chunkReceived(_ octets: Int) -> SMTPReply { SMTPReply(250, "2.0.0", "Ok: \(octets) octets received") }
    static let startMailInput = SMTPReply(354, nil, "End data with <CR><LF>.<CR><LF>")
    static let bye = SMTPReply(221, "2.0.0", "Bye")
    static let help = SMTPReply(214, "2.0.0",
        "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH")
    /// RFC 5321 §3.5.3: 252 when the server will not verify. The registry (RFC 5248) pairs
    /// 252 with X.5.0, not X.5.2 (which means "syntax error").
    static let cannotVerify = SMTPReply(252, "2.5.0",
        "Cannot VRFY user, but will accept message and attempt delivery")
    static let readyToStartTLS = SMTPReply(220, "2.0.0", "Ready to start TLS")
    static let authenticated = SMTPReply(235, "2.7.0", "Authentication successful")
    /// RFC 4954 §4: `"334" SP [base64]`; no enhanced code, the text is the challenge.
    static func challenge(_ base64: String) -> SMTPReply { SMTPReply(334, nil, base64) }

    // MARK: Syntax and sequence

    static let unknownCommand = SMTPReply(500, "5.5.2", "Error: command not recognized")
    static let lineTooLong = SMTPReply(500, "5.5.2", "Error: line too long")
    /// RFC 4954 §4: an over-long line during the exchange fails AUTH with 500 and X.5.6.
    static let authLineTooLong = SMTPReply(500, "5.5.6", "Error: authentication exchange line is too long")
    static func syntax(_ text: String) -> SMTPReply { SMTPReply(501, "5.5.4", text) }
    static func badSequence(_ text: String) -> SMTPReply { SMTPReply(503, "5.5.1", "Error: \(text)") }
    static let notImplemented = SMTPReply(502, "5.5.1", "Error: command not implemented")
    static let expnRefused = SMTPReply(502, "5.5.1", "Error: EXPN is not available")

    // MARK: Transaction

    static let messageTooBig = SMTPReply(552, "5.3.4", "Message size exceeds fixed maximum message size")
    /// RFC 5321 §4.5.3.1.10: 452 (not 552) for too many recipients.
    static let tooManyRecipients = SMTPReply(452, "4.5.3", "Error: too many recipients")
    /// RFC 3030 §2 / RFC 5321 §3.3: DATA or BDAT with no accepted recipient.
    static let noValidRecipients = SMTPReply(554, "5.5.1", "Error: no valid recipients")
    /// RFC 6531 §3.5: 550 for MAIL, 553 for RCPT, both with X.6.7.
    static let senderNeedsSMTPUTF8 = SMTPReply(550, "5.6.7",
        "Non-ASCII sender address not permitted without SMTPUTF8")
    static let recipientNeedsSMTPUTF8 = SMTPReply(553, "5.6.7",
        "Non-ASCII recipient address not permitted without SMTPUTF8")

    // MARK: Authentication

    static let authenticationRequired = SMTPReply(530, "5.7.0", "Authentication required")
    /// RFC 3207 §4.
    static let startTLSFirst = SMTPReply(530, "5.7.0", "Must issue a STARTTLS command first")
    /// RFC 4954 §6.
    static let encryptionRequired = SMTPReply(538, "5.7.11",
        "Encryption required for requested authentication mechanism")
    static let authNotEnabled = SMTPReply(502, "5.5.1", "Error: authentication not enabled")
    static let unknownMechanism = SMTPReply(504, "5.5.4", "Unrecognized authentication type")
    /// RFC 4954 §4: "*" cancels with 501.
    static let authCancelled = SMTPReply(501, "5.0.0", "Authentication cancelled")
    static func authUndecodable(_ why: String) -> SMTPReply { SMTPReply(501, "5.5.2", "Cannot decode response: \(why)") }
    static let authInvalid = SMTPReply(535, "5.7.8", "Authentication credentials invalid")
    static let authTemporaryFailure = SMTPReply(454, "4.7.0", "Temporary authentication failure")

    // MARK: Closing (421 always ends the session, RFC 5321 §3.8)

    static func tooManyErrors(_ hostname: String) -> SMTPReply {
        SMTPReply(421, "4.7.0", "\(hostname) Error: too many errors")
    }
    static func tooManyCommands(_ hostname: String) -> SMTPReply {
        SMTPReply(421, "4.7.0", "\(hostname) Error: too many commands")
    }
    static func tooManyAuthFailures(_ hostname: String) -> SMTPReply {
        SMTPReply(421, "4.7.0", "\(hostname) Error: too many failed authentication attempts")
    }
    static func timeout(_ hostname: String) -> SMTPReply {
        SMTPReply(421, "4.4.2", "\(hostname) Error: timeout exceeded")
    }
}
