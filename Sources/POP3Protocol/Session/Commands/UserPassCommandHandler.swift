extension POP3Session {
    /// USER (RFC 1939 §7). The name is not checked here, so that the answer does not tell
    /// which accounts exist.
    mutating func handleUser(_ name: String) {
        guard loginOffered else { return fail(.plaintextDisallowed) }
        pendingUser = name
        send(.userAccepted)
    }

    /// PASS (RFC 1939 §7): checks USER's name with this password.
    mutating func handlePass(_ password: String) {
        guard loginOffered else { return fail(.plaintextDisallowed) }
        guard let user = pendingUser else { return fail(.noUserGiven) }
        pendingUser = nil
        ask(.authentication, .authenticate(POP3Credentials(mechanism: "USER", username: user, password: password)))
    }
}
