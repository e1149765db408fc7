extension ManageSieveSession {
    /// SETACTIVE (RFC 5804 §2.8); the empty name deactivates.
    mutating func handleSetActive(_ user: String, _ name: String) {
        ask(.operation, .setActive(user: user, name: name))
    }
}
