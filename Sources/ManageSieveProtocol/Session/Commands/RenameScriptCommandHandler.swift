extension ManageSieveSession {
    /// RENAMESCRIPT (RFC 5804 §2.11).
    mutating func handleRenameScript(_ user: String, _ oldName: String, _ newName: String) {
        ask(.operation, .renameScript(user: user, oldName: oldName, newName: newName))
    }
}
