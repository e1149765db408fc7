extension ManageSieveSession {
    /// CHECKSCRIPT (RFC 5804 §2.12): compile only; no quota check by the server.
    mutating func handleCheckScript(_ user: String, _ content: [UInt8]) {
        guard content.count <= configuration.maxScriptSize else { return send(.quotaMaxSize) }
        ask(.operation, .checkScript(user: user, content: content))
    }
}
