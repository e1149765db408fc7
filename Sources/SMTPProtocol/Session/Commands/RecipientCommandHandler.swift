import MailCore

extension SMTPSession {
    /// RCPT TO (RFC 5321 §4.1.1.3): local limits first, then the server decides (local
    /// domain, relay rights, directory, quota).
    mutating func handleRecipient(_ path: SMTPPath, _ parameters: SMTPRecipientParameters) {
        guard let current = transaction else { return respond(.badSequence("need MAIL command")) }
        guard current.bdatOctets == nil else { return respond(.badSequence("RCPT after BDAT")) }
        guard current.recipients.count < configuration.maxRecipients else {
            return respond(.tooManyRecipients)
        }
        if let mailbox = path.mailbox, !mailbox.isASCII, !current.parameters.smtpUTF8 {
            return respond(.recipientNeedsSMTPUTF8)  // RFC 6531 §3.5
        }
        // RFC 5321 §3.6.1: `<@relay:user@host>` is handled as `<user@host>`; whether that
        // may be relayed is the server's recipient check, like any other address.
        let recipient = SMTPRecipient(path: SMTPPath(target: path.target),
                                      notify: parameters.notify,
                                      originalRecipient: parameters.originalRecipient)
        ask(.recipient(recipient), .checkRecipient(recipient, makeEnvelope(current)))
    }

    mutating func recipientChecked(_ decision: SMTPPolicyDecision) {
        guard case .awaiting(.recipient(let recipient)) = phase else { return }
        phase = .command
        switch decision {
        case .accept:
            transaction?.recipients.append(recipient)
            send(.recipientOk)
        case .reject(let reply):
            respond(reply)
        }
    }
}
