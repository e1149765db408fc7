extension DirectoryStore {
    /// Where a message to `address` goes, or why it is refused. See `RecipientResolver`
    /// for the rules. Synchronous (SQLite reads): call it off the event loops.
    public func resolve(_ address: String, sender: SenderContext) throws(DirectoryError) -> Resolution {
        try read { db in try RecipientResolution.resolve(address, sender: sender, in: SQLiteDirectoryEntries(db: db)) }
    }

    /// For `smtp.enforce_sender_login_match`: see `RecipientResolution.isSenderAllowed`.
    public func isSenderAllowed(_ address: String, forUser name: String) throws(DirectoryError) -> Bool {
        try read { db in try RecipientResolution.isSenderAllowed(address, forUser: name, in: SQLiteDirectoryEntries(db: db)) }
    }
}
