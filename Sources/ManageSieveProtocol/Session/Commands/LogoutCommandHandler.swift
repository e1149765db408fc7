extension ManageSieveSession {
    /// LOGOUT (RFC 5804 §2.3): OK, then close; later commands are ignored.
    mutating func handleLogout() {
        send(.ok("Logout completed"))
        close()
    }
}
