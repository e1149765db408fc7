extension POP3Session {
    /// CAPA (RFC 2449 §5), valid in both states. USER and SASL are announced in both states
    /// (§6.2, §6.3) but only where they would be accepted; STLS only where it is permitted
    /// now (RFC 2595 §4).
    mutating func handleCapa() {
        var lines = ["TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"]
        if loginOffered {
            lines += ["USER", "SASL PLAIN"]
        }
        if stlsOffered, case .authorization = phase {
            lines.append("STLS")
        }
        lines.append("IMPLEMENTATION \(configuration.implementation)")
        send(.ok("Capability list follows", lines: lines))
    }
}
