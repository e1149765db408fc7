extension POP3Session {
    /// UIDL [n] (RFC 1939 §7): `number uidl`, deleted messages left out.
    mutating func handleUIDL(_ number: Int?) {
        guard let maildrop else { return fail(.wrongState) }
        guard let number else {
            let lines = maildrop.visible.map { "\($0.number) \($0.info.uidl)" }
            return send(.ok("Unique-ID listing follows", lines: lines))
        }
        switch maildrop.lookup(number) {
        case .message(let info): send(.ok("\(number) \(info.uidl)"))
        case .deleted: send(.messageDeleted)
        case .noSuchMessage: send(.noSuchMessage)
        }
    }
}
