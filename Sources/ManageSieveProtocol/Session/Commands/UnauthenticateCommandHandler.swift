extension ManageSieveSession {
    /// UNAUTHENTICATE (RFC 5804 §2.14.1): back to non-authenticated state; TLS stays. It
    /// never fails when authenticated.
    mutating func handleUnauthenticate() {
        authenticatedUser = nil
        send(.ok("Unauthenticate completed"))
    }
}
