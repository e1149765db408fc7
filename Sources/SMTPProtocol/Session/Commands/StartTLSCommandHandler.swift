extension SMTPSession {
    /// STARTTLS (RFC 3207 §4).
    mutating func handleStartTLS() {
        guard tls == nil else { return respond(.badSequence("TLS already active")) }
        guard startTLSOffered else { return respond(.notImplemented) }
        guard transaction == nil else { return respond(.badSequence("MAIL transaction in progress")) }
        send(.readyToStartTLS)
        // RFC 3207 §4.2 and CVE-2011-0411: commands pipelined after STARTTLS came in
        // plaintext and must not be executed inside the TLS session.
        input.removeAll()
        phase = .startingTLS
        emit(.startTLS)
    }

    /// RFC 3207 §4.2: forget everything learned before TLS (HELO name, transaction, AUTH).
    /// No greeting follows; the client starts with EHLO.
    mutating func tlsEstablished(_ info: SMTPTLSInfo) {
        guard case .startingTLS = phase else { return }
        tls = info
        hello = nil
        transaction = nil
        authenticatedUser = nil
        input.removeAll()
        phase = .command
    }
}
