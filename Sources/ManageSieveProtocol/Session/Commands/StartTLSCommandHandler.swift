extension ManageSieveSession {
    /// STARTTLS (RFC 5804 §2.2), only before authentication.
    mutating func handleStartTLS() {
        guard !isTLS else { return fail(.no("TLS is already active")) }
        guard configuration.tlsAvailable else { return fail(.no("TLS is not available")) }
        send(.ok("Begin TLS negotiation now"))
        // Commands pipelined behind STARTTLS came in plaintext and must not run inside TLS.
        reader.reset()
        phase = .startingTLS
        emit(.startTLS)
    }

    /// §2.2: the server re-issues its capabilities, without STARTTLS, followed by OK.
    mutating func tlsEstablished() {
        guard case .startingTLS = phase else { return }
        isTLS = true
        reader.reset()
        phase = .command
        sendCapabilities()
        send(.ok("TLS negotiation successful"))
    }
}
