extension SMTPSession {
    /// QUIT (RFC 5321 §4.1.1.10): 221, then close. An unfinished BDAT message is dropped.
    mutating func handleQuit() {
        send(.bye)
        close()
    }
}
