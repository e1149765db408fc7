/// One recipient of an outgoing transaction, with its RFC 3461 parameters.
public struct SMTPClientRecipient: Hashable, Sendable {
    /// The address for RCPT TO, without angle brackets.
    public var address: String
    /// Passed on as `NOTIFY=` when the server supports DSN.
    public var notify: DSNNotify?
    /// Passed on unchanged as `ORCPT=` (already `addr-type;xtext`, RFC 3461 §4.2).
    public var originalRecipient: String?

    public init(address: String, notify: DSNNotify? = nil, originalRecipient: String? = nil) {
        self.address = address
        self.notify = notify
        self.originalRecipient = originalRecipient
    }
}

/// One message to send in one SMTP transaction.
public struct SMTPClientMessage: Hashable, Sendable {
    /// The reverse path without angle brackets; empty for the null sender.
    public var reversePath: String
    public var recipients: [SMTPClientRecipient]
    /// The message octets as stored (the session puts them in canonical CRLF form).
    public var content: [UInt8]
    /// RFC 3461 `ENVID=` (not yet xtext-encoded) and `RET=`.
    public var envelopeID: String?
    public var dsnReturn: DSNReturn?
    /// The message has octets above 127 and needs 8BITMIME (RFC 6152).
    public var isEightBit: Bool
    /// The message cannot go to a server without SMTPUTF8 (RFC 6531): a non-ASCII
    /// address, or UTF-8 in the header.
    public var requiresSMTPUTF8: Bool
    /// The sender asked for SMTPUTF8; passed on when the server offers it.
    public var requestsSMTPUTF8: Bool

    public init(reversePath: String, recipients: [SMTPClientRecipient], content: [UInt8],
                envelopeID: String? = nil, dsnReturn: DSNReturn? = nil,
                isEightBit: Bool? = nil, requiresSMTPUTF8: Bool? = nil, requestsSMTPUTF8: Bool = false) {
        self.reversePath = reversePath
        self.recipients = recipients
        self.content = content
        self.envelopeID = envelopeID
        self.dsnReturn = dsnReturn
        self.isEightBit = isEightBit ?? content.contains { $0 >= 0x80 }
        let addresses = [reversePath] + recipients.map(\.address)
        self.requiresSMTPUTF8 = requiresSMTPUTF8
            ?? addresses.contains { $0.utf8.contains { $0 >= 0x80 } }
        self.requestsSMTPUTF8 = requestsSMTPUTF8
    }

    /// True when the header section (up to the first empty line) has octets above 127:
    /// an internationalized header (RFC 6532) that needs SMTPUTF8 to travel.
    public static func hasEightBitHeader(_ content: [UInt8]) -> Bool {
        var lineStart = true
        for byte in content {
            if byte == 0x0A {
                if lineStart { return false }
                lineStart = true
            } else if byte != 0x0D {
                if byte >= 0x80 { return true }
                lineStart = false
            }
        }
        return false
    }
}
