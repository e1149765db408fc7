extension ManageSieveSession {
    /// LISTSCRIPTS (RFC 5804 §2.7).
    mutating func handleListScripts(_ user: String) {
        ask(.listScripts, .listScripts(user: user))
    }

    mutating func scriptsListed(_ result: ManageSieveScriptListResult) {
        guard case .awaiting(.listScripts) = phase else { return }
        switch result {
        case .scripts(let entries):
            // §2.7: ACTIVE on one line at most, whatever the store says.
            var activeSeen = false
            let lines = entries.map { entry -> ManageSieveScriptListEntry in
                defer { activeSeen = activeSeen || entry.isActive }
                return ManageSieveScriptListEntry(name: entry.name, isActive: entry.isActive && !activeSeen)
            }
            emit(.send(.scriptList(lines)))
            finish(.ok("Listscripts completed"))
        case .failed(let response):
            finish(response)
        }
    }
}
