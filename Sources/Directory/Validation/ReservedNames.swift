/// User names that would collide with the data directory's layout (issue 23, finding 7).
///
/// A user's mail lives in `mail/<user>/Maildir`, and the public mailboxes in
/// `mail/public/<name>/Maildir`: a user called `public` would have its INBOX inside the
/// public-mailbox root (and reconciliation skips that entry as a user). Names starting
/// with a dot (`.`, `..`, temporary files) are already refused by `NameRules`; the
/// Sieve scripts live under `sieve/users/<user>/`, beside `sieve/global/`, so they add
/// no name. Only new users are checked: an existing one keeps working until renamed or
/// removed.
enum ReservedNames {
    static let users: Set<String> = ["public"]

    /// The validated, lowercased name of a new user; refuses a reserved one.
    static func newUserName(_ raw: String) throws(DirectoryError) -> String {
        let name = try NameRules.entityName(raw, kind: .user)
        if users.contains(name) {
            throw .invalidName(.user, raw, reason: "\"\(name)\" is reserved (mail/\(name)/ holds the public mailboxes)")
        }
        return name
    }
}
