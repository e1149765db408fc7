import MailCore

extension DirectoryStore {
    /// Where a message to `address` goes, or why it is refused. See `RecipientResolver`
    /// for the rules. Synchronous (SQLite reads): call it off the event loops.
    public func resolve(_ address: String, sender: SenderContext) throws(DirectoryError) -> Resolution {
        try read { db in
            var resolver = try RecipientResolver(db: db)
            return try resolver.resolve(address, sender: sender)
        }
    }

    /// For `smtp.enforce_sender_login_match`: true when `address` is one of the user's own
    /// addresses, i.e. it leads to that user directly or through aliases or groups (whether
    /// or not the user forwards their mail). A catch-all does not make every address of a
    /// domain the catch-all owner's.
    public func isSenderAllowed(_ address: String, forUser name: String) throws(DirectoryError) -> Bool {
        let user = name.lowercased()
        return try read { db in
            var resolver = try RecipientResolver(db: db)
            let outcome = try resolver.resolveTop(address, sender: .authenticated(user: user), allowCatchAll: false)
            guard let expansion = outcome.expansion, !expansion.viaCatchAll else { return false }
            return expansion.users.contains(user)
        }
    }

    /// The destinations of the global `mail.copy_all_to` copy, for messages that the
    /// resolver does not see (outbound mail). Empty when the setting is empty.
    public func copyAllDestinations() throws(DirectoryError) -> [FinalDestination] {
        guard let target = try settings.address(.copyAllTo) else { return [] }
        switch try resolve(target.description, sender: .localNetwork) {
        case let .deliver(recipients): return recipients.destinations
        case .refused(.domainNotLocal): return [.external(target)]
        case .refused: return []
        }
    }
}
