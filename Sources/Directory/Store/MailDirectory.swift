/// The directory as the servers, intake, delivery and the outbound agent read it:
/// recipient resolution, logins, users and their groups, domains, public mailboxes and
/// the settings. `DirectoryStore` (SQLite) is the server's; `InMemoryDirectory`
/// (InMemoryStorage) serves unit tests. Administration writes through `DirectoryStore`
/// itself: adding and changing entries is not part of this interface.
///
/// `verifyLogin` is async: its one caller (the Authenticator) awaits it, and the SQLite
/// directory runs the deliberately slow hash on Dispatch's pool. The other requirements
/// are synchronous `throws(DirectoryError)` for now: their callers read them inside one
/// `BlockingIO` closure together with synchronous mail-store calls (IMAP ACL and quota,
/// the Sieve runner) or from synchronous logic (the SMTP policy answers, the generated-mail
/// router, hidden copies); they become async when `MailStorage` does. Call them off the
/// event loops.
public protocol MailDirectory: Sendable {
    /// The administrator's settings.
    var settings: SettingsStore { get }

    /// Where a message to `address` goes, or why it is refused (see `RecipientResolver`).
    func resolve(_ address: String, sender: SenderContext) throws(DirectoryError) -> Resolution
    /// For `smtp.enforce_sender_login_match`: `address` leads to the user (not via a catch-all).
    func isSenderAllowed(_ address: String, forUser name: String) throws(DirectoryError) -> Bool
    /// Checks a login (`name`, `name@localdomain`, or a master login) for a service.
    func verifyLogin(_ login: String, password: String, service: MailService) async -> AuthResult

    /// The user (case-insensitive), or nil.
    func user(named name: String) throws(DirectoryError) -> User?
    /// Groups the user belongs to, sorted (IMAP ACL identifiers `$group`).
    func groups(ofUser name: String) throws(DirectoryError) -> [String]
    /// Records the user's mailbox usage summary (IMAP login and APPEND).
    func setQuotaUsage(_ name: String, bytes: Int64) throws(DirectoryError)

    /// All domains, sorted by name.
    func domains() throws(DirectoryError) -> [Domain]
    /// The domain (case-insensitive), or nil.
    func domain(named name: String) throws(DirectoryError) -> Domain?
    /// All public mailboxes, sorted by name.
    func publicMailboxes() throws(DirectoryError) -> [PublicMailbox]
    func publicMailbox(named name: String) throws(DirectoryError) -> PublicMailbox?
}

extension MailDirectory {
    /// The quota in bytes that applies to the user, nil = unlimited.
    public func effectiveQuota(forUser name: String) throws(DirectoryError) -> Int64? {
        guard let user = try user(named: name) else { throw .notFound(.user, name.lowercased()) }
        return user.effectiveQuota(defaultQuota: try settings.size(.defaultQuota))
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

extension DirectoryStore: MailDirectory {}
