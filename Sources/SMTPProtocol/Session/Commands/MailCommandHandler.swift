import MailCore

extension SMTPSession {
    /// MAIL FROM (RFC 5321 §4.1.1.2): checks sequence and local rules, then asks the server.
    mutating func handleMail(_ path: SMTPPath, _ parameters: SMTPMailParameters) {
        guard hello != nil else { return respond(.badSequence("send HELO/EHLO first")) }
        guard transaction == nil else { return respond(.badSequence("nested MAIL command")) }
        if configuration.role.requiresAuthentication && authenticatedUser == nil {
            // Say what is missing: TLS first when AUTH is only offered under TLS.
            return respond(!authOffered && startTLSOffered ? .startTLSFirst : .authenticationRequired)
        }
        if parameters.body == .binaryMIME {
            // RFC 3030 §3: BINARYMIME is not announced, so it is not accepted.
            return respond(SMTPReply(555, "5.5.4", "BODY=BINARYMIME is not supported"))
        }
        if let size = parameters.size, size > configuration.maxMessageSize {
            return respond(.messageTooBig)  // RFC 1870 §6.1
        }
        if let mailbox = path.mailbox, !mailbox.isASCII, !parameters.smtpUTF8 {
            return respond(.senderNeedsSMTPUTF8)  // RFC 6531 §3.5
        }
        // RFC 5321 §3.6.1: a source route is ignored.
        let transaction = Transaction(reversePath: SMTPPath(target: path.target), parameters: parameters)
        ask(.sender(transaction), .checkSender(makeEnvelope(transaction)))
    }

    mutating func senderChecked(_ decision: SMTPPolicyDecision) {
        guard case .awaiting(.sender(let pending)) = phase else { return }
        phase = .command
        switch decision {
        case .accept:
            transaction = pending
            send(.senderOk)
        case .reject(let reply):
            respond(reply)
        }
    }
}
