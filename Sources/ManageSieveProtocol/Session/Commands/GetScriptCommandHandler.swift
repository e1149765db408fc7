extension ManageSieveSession {
    /// GETSCRIPT (RFC 5804 §2.9): the script as a literal, then OK.
    mutating func handleGetScript(_ user: String, _ name: String) {
        ask(.getScript, .getScript(user: user, name: name))
    }

    mutating func scriptFetched(_ result: ManageSieveScriptFetchResult) {
        guard case .awaiting(.getScript) = phase else { return }
        switch result {
        case .script(let content):
            emit(.send(.script(content)))
            finish(.ok("Getscript completed"))
        case .failed(let response):
            finish(response)
        }
    }
}
