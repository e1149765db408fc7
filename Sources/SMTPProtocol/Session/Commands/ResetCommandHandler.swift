extension SMTPSession {
    /// RSET (RFC 5321 §4.1.1.5): ends the transaction, keeps HELO, TLS and AUTH.
    mutating func handleReset() {
        resetTransaction()
        send(.ok)
    }
}
