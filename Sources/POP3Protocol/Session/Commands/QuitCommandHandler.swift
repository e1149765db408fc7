extension POP3Session {
    /// QUIT (RFC 1939 §6). In AUTHORIZATION it just says goodbye. In TRANSACTION the
    /// session enters UPDATE: the server deletes the marked messages and releases the lock.
    mutating func handleQuit() {
        guard let held = maildrop else {
            send(.bye)
            return close()
        }
        maildrop = nil  // the lock now belongs to the commit
        input.removeAll()
        phase = .update
        emit(.commitDeletions(user: held.user, messages: held.deletedReferences))
    }

    mutating func deletionsCommitted(_ result: POP3CommitResult) {
        guard case .update = phase else { return }
        switch result {
        case .committed: send(.bye)
        case .failed(let response): send(response)
        }
        close()
    }
}
