extension ManageSieveSession {
    /// DELETESCRIPT (RFC 5804 §2.10); the server refuses the active script with NO (ACTIVE).
    mutating func handleDeleteScript(_ user: String, _ name: String) {
        ask(.operation, .deleteScript(user: user, name: name))
    }
}
