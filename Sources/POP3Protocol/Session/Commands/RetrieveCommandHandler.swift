extension POP3Session {
    /// RETR n and TOP n l (RFC 1939 §5, §7): asks the server for the message, then streams
    /// what it gives through a `POP3MessageStreamEncoder`.
    mutating func handleRetrieve(_ number: Int, topLines: Int?) {
        guard let maildrop else { return fail(.wrongState) }
        switch maildrop.lookup(number) {
        case .noSuchMessage: return send(.noSuchMessage)
        case .deleted: return send(.messageDeleted)
        case .message(let info):
            let request = POP3MessageRequest(
                message: POP3MessageReference(number: number, uidl: info.uidl),
                octets: info.octets, topLines: topLines)
            phase = .retrieving(Retrieval(request: request, encoder: POP3MessageStreamEncoder(bodyLineLimit: topLines)))
            emit(.retrieveMessage(request))
        }
    }

    mutating func messageData(_ bytes: [UInt8]) {
        guard case .retrieving(var retrieval) = phase else { return }
        startResponse(&retrieval)
        let encoded = retrieval.encoder.encode(bytes)
        if !encoded.isEmpty { emit(.sendMessageData(encoded)) }
        phase = .retrieving(retrieval)
    }

    mutating func messageEnd() {
        guard case .retrieving(var retrieval) = phase else { return }
        startResponse(&retrieval)
        emit(.sendMessageData(retrieval.encoder.finish()))
        phase = .transaction
    }

    mutating func messageFailed(_ response: POP3Response) {
        guard case .retrieving(let retrieval) = phase else { return }
        guard !retrieval.started else {
            // Part of the message is out: only a missing terminator tells the client.
            return close()
        }
        phase = .transaction
        send(response)
    }

    /// The `+OK` line goes out with the first octets, once the server has the message.
    private mutating func startResponse(_ retrieval: inout Retrieval) {
        guard !retrieval.started else { return }
        retrieval.started = true
        if retrieval.request.topLines == nil {
            send(.ok("\(retrieval.request.octets) octets"))
        } else {
            send(.ok("Top of message follows"))
        }
    }
}
