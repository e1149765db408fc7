extension SMTPSession {
    /// BDAT (RFC 3030 §2). The chunk's octets are always consumed, even when the command
    /// fails, so that they are never read as commands; the reply follows the chunk.
    mutating func handleBDAT(size: Int, last: Bool) {
        func discard(_ reply: SMTPReply) {
            phase = .chunk(ChunkTransfer(receiver: SMTPChunkReceiver(size: size, discards: true),
                                         outcome: .reject(reply)))
        }
        guard var current = transaction else { return discard(.badSequence("need MAIL command")) }
        guard !current.recipients.isEmpty else { return discard(.noValidRecipients) }
        let received = current.bdatOctets ?? 0
        guard size <= configuration.maxMessageSize - received else {
            // Known before storing anything of this chunk; earlier chunks are dropped and
            // the transaction ends, so pipelined BDATs that follow get 503 (RFC 3030 §2).
            resetTransaction()
            return discard(.messageTooBig)
        }
        current.bdatOctets = received + size
        transaction = current
        if !messageOpen {
            emit(.beginMessage(makeEnvelope(current)))
            messageOpen = true
        }
        phase = .chunk(ChunkTransfer(receiver: SMTPChunkReceiver(size: size), outcome: .store(last: last)))
    }

    mutating func finishChunk(_ transfer: ChunkTransfer) {
        phase = .command
        switch transfer.outcome {
        case .reject(let reply):
            respond(reply)
        case .store(last: false):
            send(.chunkReceived(transfer.receiver.size))
        case .store(last: true):
            guard let current = transaction else { return }  // unreachable: stored chunks need one
            commit(current, size: current.bdatOctets ?? 0)
        }
    }
}
