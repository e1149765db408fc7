extension ManageSieveSession {
    /// HAVESPACE (RFC 5804 §2.5). The size limit is checked here; quotas by the server.
    mutating func handleHaveSpace(_ user: String, _ name: String, _ size: Int) {
        guard size <= configuration.maxScriptSize else { return send(.quotaMaxSize) }
        ask(.operation, .haveSpace(user: user, name: name, size: size))
    }
}
