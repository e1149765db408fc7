import MailCore

/// The command lines a client session sends, CRLF included.
enum SMTPClientCommands {
    static func line(_ text: String) -> [UInt8] { Array((text + "\r\n").utf8) }

    /// True when `address` can go between angle brackets without breaking the command
    /// line: no controls, no brackets. (Spaces only occur inside quoted local parts.)
    static func isSafePath(_ address: String) -> Bool {
        !address.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    /// `MAIL FROM:<path>` with the parameters the server understands.
    static func mail(_ message: SMTPClientMessage, capabilities: SMTPServerCapabilities, smtpUTF8: Bool) -> [UInt8] {
        var text = "MAIL FROM:<\(message.reversePath)>"
        if capabilities.supports("SIZE") {
            // RFC 1870 §6: the estimated size, here the exact one.
            text += " SIZE=\(SMTPMessageEncoding.canonical(message.content).count)"
        }
        if message.isEightBit && capabilities.eightBitMIME { text += " BODY=8BITMIME" }
        if smtpUTF8 { text += " SMTPUTF8" }
        if capabilities.dsn {
            if let ret = message.dsnReturn { text += " RET=\(ret.rawValue)" }
            if let id = message.envelopeID { text += " ENVID=\(ESMTPParameters.xtextEncode(id))" }
        }
        return line(text)
    }

    /// `RCPT TO:<path>` with NOTIFY and ORCPT when the server supports DSN.
    static func recipient(_ recipient: SMTPClientRecipient, capabilities: SMTPServerCapabilities, smtpUTF8: Bool) -> [UInt8] {
        var text = "RCPT TO:<\(recipient.address)>"
        if capabilities.dsn {
            if let notify = recipient.notify { text += " NOTIFY=\(notifyValue(notify))" }
            if let orcpt = recipient.originalRecipient, isParameterValue(orcpt, smtpUTF8: smtpUTF8) {
                text += " ORCPT=\(orcpt)"
            }
        }
        return line(text)
    }

    /// RFC 3461 §4.1.
    static func notifyValue(_ notify: DSNNotify) -> String {
        switch notify {
        case .never: return "NEVER"
        case .on(let conditions):
            var words: [String] = []
            if conditions.contains(.success) { words.append("SUCCESS") }
            if conditions.contains(.failure) { words.append("FAILURE") }
            if conditions.contains(.delay) { words.append("DELAY") }
            return words.isEmpty ? "FAILURE" : words.joined(separator: ",")
        }
    }

    /// `esmtp-value` (RFC 5321 §4.1.2); UTF-8 only in an SMTPUTF8 transaction.
    private static func isParameterValue(_ value: String, smtpUTF8: Bool) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { ((33...126).contains($0) && $0 != UInt8(ascii: "=")) || ($0 >= 0x80 && smtpUTF8) }
    }

    /// AUTH PLAIN with the initial response (RFC 4954 §4, RFC 4616 §2): `NUL user NUL password`.
    static func authPlain(_ credentials: SMTPClientCredentials) -> [UInt8] {
        let response = [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
        return line("AUTH PLAIN " + String(decoding: Base64Codec.encode(response, lineLength: 0), as: UTF8.self))
    }

    /// A base64 line answering a 334 challenge (LOGIN).
    static func base64Line(_ text: String) -> [UInt8] {
        Base64Codec.encode(Array(text.utf8), lineLength: 0) + [0x0D, 0x0A]
    }
}
