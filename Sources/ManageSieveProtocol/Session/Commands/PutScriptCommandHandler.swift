extension ManageSieveSession {
    /// PUTSCRIPT (RFC 5804 §2.6). The server compiles and stores; a script over the size
    /// limit normally never gets here (its literal was skipped by the reader).
    mutating func handlePutScript(_ user: String, _ name: String, _ content: [UInt8]) {
        // §2.6: "A script of zero length SHOULD be disallowed."
        guard !content.isEmpty else { return fail(.no("Empty script")) }
        guard content.count <= configuration.maxScriptSize else { return send(.quotaMaxSize) }
        ask(.operation, .putScript(user: user, name: name, content: content))
    }
}
