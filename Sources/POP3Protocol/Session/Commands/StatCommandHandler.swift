extension POP3Session {
    /// STAT (RFC 1939 §5): count and size of the messages not marked deleted.
    mutating func handleStat() {
        guard let maildrop else { return fail(.wrongState) }
        send(.ok("\(maildrop.visibleCount) \(maildrop.visibleOctets)"))
    }
}
