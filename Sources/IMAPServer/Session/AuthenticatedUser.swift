/// Who a session acts for.
struct AuthenticatedUser: Sendable {
    var name: String
    /// `user*admin`: the administrator logged in as this user (logged).
    var viaMaster: Bool
    /// The user's ACL identifiers: the name, `anyone`, `authenticated` and `$group` for
    /// each group.
    var identifiers: [String]
    /// Groups that own public mailboxes give their members full rights there.
    var groups: [String]
}
