extension POP3Session {
    /// RSET (RFC 1939 §5): unmarks every message marked deleted.
    mutating func handleReset() {
        guard maildrop != nil else { return fail(.wrongState) }
        maildrop?.unmarkAll()
        let count = maildrop?.visibleCount ?? 0
        let octets = maildrop?.visibleOctets ?? 0
        send(.ok("Maildrop has \(count) messages (\(octets) octets)"))
    }
}
