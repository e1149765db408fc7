import MailCore

/// Finds what makes a message untouchable: a signature or encryption that any change
/// would break or cannot see into.
enum MessageProtection {
    static func reason(for message: Message) -> DisclaimerSkipReason? {
        if message.header.first(named: "DKIM-Signature") != nil { return .dkimSigned }
        return reason(for: message.root)
    }

    /// Looks at the part and its multipart descendants; a forwarded message
    /// (message/rfc822) is an attachment that stays untouched, so what it holds does
    /// not matter.
    private static func reason(for part: MIMEPart) -> DisclaimerSkipReason? {
        switch part.mimeType {
        case "multipart/signed":
            return .signed(part.mimeType)
        case "multipart/encrypted":
            return .encrypted(part.mimeType)
        case "application/pkcs7-mime", "application/x-pkcs7-mime":
            // RFC 8551 §3.2.2: smime-type tells signed-data from enveloped-data.
            let smimeType = part.contentType.parameters["smime-type"]?.asciiLowercased
            return smimeType == "signed-data" ? .signed(part.mimeType) : .encrypted(part.mimeType)
        default:
            break
        }
        if part.contentType.type == "text", part.contentDisposition?.kind != .attachment, !part.isMultipart,
           containsInlinePGP(part.decodedBody()) {
            return .inlinePGP
        }
        for child in part.children {
            if let reason = reason(for: child) { return reason }
        }
        return nil
    }

    /// RFC 4880 §6.2 armor header lines: `-----BEGIN PGP MESSAGE-----`,
    /// `-----BEGIN PGP SIGNED MESSAGE-----`…
    private static func containsInlinePGP(_ body: [UInt8]) -> Bool {
        body.firstIndex(ofCaseInsensitive: Array("-----begin pgp".utf8)) != nil
    }
}
