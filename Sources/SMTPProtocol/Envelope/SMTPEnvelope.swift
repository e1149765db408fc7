import MailCore

/// Everything the spool and queue need to know about a message besides its octets.
public struct SMTPEnvelope: Hashable, Sendable {
    /// Without any source route (RFC 5321 §3.6.1); `.null` for bounces.
    public var reversePath: SMTPPath
    /// In RCPT order; only those the server accepted.
    public var recipients: [SMTPRecipient]
    /// As declared with `BODY=`; nil when not declared (7BIT by default, RFC 6152).
    public var bodyType: SMTPBodyType?
    /// RFC 6531: the transaction used `SMTPUTF8`.
    public var smtpUTF8: Bool
    /// `SIZE=` at MAIL, if given.
    public var declaredSize: Int?
    /// Octets received (after dot-unstuffing); set in the envelope of `commitMessage`.
    public var messageSize: Int?
    /// RFC 3461 `ENVID=` (decoded) and `RET=`.
    public var envelopeID: String?
    public var dsnReturn: DSNReturn?
    /// RFC 4954 §5 `AUTH=` as given on MAIL; kept only from an authenticated client.
    public var submitter: SMTPMailAuthParameter?
    /// The SASL identity the server confirmed, if the client authenticated.
    public var authenticatedUser: String?
    public var client: SMTPConnectionInfo
    /// The HELO/EHLO argument and which of the two was used.
    public var heloName: String?
    public var usedEHLO: Bool
    public var tls: SMTPTLSInfo?
    /// True when the message came with BDAT (RFC 3030) rather than DATA.
    public var usedBDAT: Bool

    public init(reversePath: SMTPPath, recipients: [SMTPRecipient] = [], bodyType: SMTPBodyType? = nil,
                smtpUTF8: Bool = false, declaredSize: Int? = nil, messageSize: Int? = nil,
                envelopeID: String? = nil, dsnReturn: DSNReturn? = nil,
                submitter: SMTPMailAuthParameter? = nil, authenticatedUser: String? = nil,
                client: SMTPConnectionInfo, heloName: String? = nil, usedEHLO: Bool = false,
                tls: SMTPTLSInfo? = nil, usedBDAT: Bool = false) {
        self.reversePath = reversePath
        self.recipients = recipients
        self.bodyType = bodyType
        self.smtpUTF8 = smtpUTF8
        self.declaredSize = declaredSize
        self.messageSize = messageSize
        self.envelopeID = envelopeID
        self.dsnReturn = dsnReturn
        self.submitter = submitter
        self.authenticatedUser = authenticatedUser
        self.client = client
        self.heloName = heloName
        self.usedEHLO = usedEHLO
        self.tls = tls
        self.usedBDAT = usedBDAT
    }

    /// The `with` protocol of the `Received:` header (RFC 3848, RFC 6531 §3.7.3):
    /// SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA, UTF8SMTP, UTF8SMTPS, UTF8SMTPA, UTF8SMTPSA.
    public var receivedProtocol: String {
        guard usedEHLO else { return "SMTP" }
        var name = smtpUTF8 ? "UTF8SMTP" : "ESMTP"
        if tls != nil { name += "S" }
        if authenticatedUser != nil { name += "A" }
        return name
    }
}
