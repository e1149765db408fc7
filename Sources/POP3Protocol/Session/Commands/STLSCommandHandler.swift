extension POP3Session {
    /// STLS (RFC 2595 §4), only in AUTHORIZATION.
    mutating func handleSTLS() {
        guard !isTLS else { return fail(.tlsActive) }
        guard configuration.tlsAvailable else { return fail(.tlsUnavailable) }
        send(.beginTLS)
        // Commands pipelined behind STLS came in plaintext and must not run inside TLS
        // (the STARTTLS command injection of CVE-2011-0411 and its POP3 cousins).
        input.removeAll()
        pendingUser = nil
        phase = .startingTLS
        emit(.startTLS)
    }

    /// Back to a fresh AUTHORIZATION state, without a new greeting; the client re-issues
    /// CAPA (RFC 2595 §4).
    mutating func tlsEstablished() {
        guard case .startingTLS = phase else { return }
        isTLS = true
        pendingUser = nil
        input.removeAll()
        phase = .authorization
    }
}
