extension POP3Session {
    /// DELE n (RFC 1939 §5): only marks; the message goes in the UPDATE state after QUIT.
    mutating func handleDelete(_ number: Int) {
        guard maildrop != nil else { return fail(.wrongState) }
        switch maildrop?.lookup(number) {
        case .message:
            maildrop?.markDeleted(number)
            send(.ok("Message \(number) deleted"))
        case .deleted:
            send(.err("Message \(number) already deleted"))
        case .noSuchMessage, nil:
            send(.noSuchMessage)
        }
    }
}
