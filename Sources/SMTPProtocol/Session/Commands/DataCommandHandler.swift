extension SMTPSession {
    /// DATA (RFC 5321 §4.1.1.4): 354, then the content is decoded and streamed out.
    mutating func handleData() {
        guard let current = transaction else { return respond(.badSequence("need MAIL command")) }
        // RFC 3030 §2: DATA and BDAT cannot be mixed in one transaction.
        guard current.bdatOctets == nil else { return respond(.badSequence("DATA after BDAT")) }
        guard !current.recipients.isEmpty else { return respond(.noValidRecipients) }
        emit(.beginMessage(makeEnvelope(current)))
        messageOpen = true
        send(.startMailInput)
        phase = .data(SMTPDataDecoder(maxMessageSize: configuration.maxMessageSize))
    }

    /// After the final dot: over the limit, drop what was stored and answer 552
    /// (nothing partial is kept); otherwise hand the message to the server.
    mutating func finishData(_ decoder: SMTPDataDecoder) {
        phase = .command
        guard let current = transaction else { return }  // unreachable: DATA needs one
        if decoder.exceededLimit {
            resetTransaction()
            respond(.messageTooBig)
            return
        }
        commit(current, size: decoder.messageSize)
    }

    /// The message is complete; from here its octets are the server's (no abort).
    mutating func commit(_ current: Transaction, size: Int) {
        messageOpen = false
        ask(.commit, .commitMessage(makeEnvelope(current, messageSize: size)))
    }

    mutating func messageCommitted(_ result: SMTPCommitResult) {
        guard case .awaiting(.commit) = phase else { return }
        transaction = nil
        phase = .command
        switch result {
        case .queued(let queueID): send(.queued(queueID))
        case .reject(let reply): respond(reply)
        }
    }
}
