extension POP3Session {
    /// LIST [n] (RFC 1939 §5): scan listings `number octets`, deleted messages left out.
    mutating func handleList(_ number: Int?) {
        guard let maildrop else { return fail(.wrongState) }
        guard let number else {
            let lines = maildrop.visible.map { "\($0.number) \($0.info.octets)" }
            return send(.ok(maildrop.summary, lines: lines))
        }
        switch maildrop.lookup(number) {
        case .message(let info): send(.ok("\(number) \(info.octets)"))
        case .deleted: send(.messageDeleted)
        case .noSuchMessage: send(.noSuchMessage)
        }
    }
}
