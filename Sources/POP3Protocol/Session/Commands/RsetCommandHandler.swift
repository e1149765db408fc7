extension POP3Session {
    /// RSET (RFC 1939 §5): unmarks every message marked deleted.
    mutating func handleReset() {
        guard maildrop != nil else { return fail(.wrongState) }
        maildrop?.unmarkAll()
        send(.ok("Maildrop has \(maildrop?.summary ?? "")"))
    }
}
