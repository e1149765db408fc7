import Durability
import GRDB

extension DirectoryStore {
    /// Master logins name the administrator after `*`: `john*admin`, or `john*root` as on
    /// Dovecot/NethServer systems, or the name of any administrator user.
    static let masterAliases: Set<String> = ["admin", "root"]
    /// Services a master login may open (not SMTP: it would let the administrator send
    /// mail as the user; not the admin UI).
    static let masterServices: Set<MailService> = [.imap, .pop3, .manageSieve]

    /// Checks a login. `login` is `name` or `name@localdomain` (case-insensitive); with
    /// `imap.master_user` on, `name*admin` (or `name*root`) with the administrator's
    /// password logs in as `name`.
    ///
    /// Blocking and deliberately slow (crypt(3)): call it off the event loops. A failure
    /// costs one hash computation whether or not the user exists (a dummy hash of the
    /// current scheme stands in for unknown users), so timing does not reveal names.
    public func authenticate(login: String, password: String, service: MailService) -> AuthResult {
        do {
            return try authenticateOrThrow(login: login, password: password, service: service)
        } catch {
            return .failure(.unavailable(error.description))
        }
    }

    /// `authenticate` on Dispatch's pool (`BlockingIO`), never on the caller's thread.
    public func verifyLogin(_ login: String, password: String, service: MailService) async -> AuthResult {
        do {
            return try await BlockingIO.run { self.authenticate(login: login, password: password, service: service) }
        } catch {
            return .failure(.unavailable("\(error)"))
        }
    }

    private func authenticateOrThrow(login: String, password: String, service: MailService) throws(DirectoryError) -> AuthResult {
        let scheme = try settings.passwordScheme()
        let invalid = { () -> AuthResult in
            _ = PasswordHasher.verify(password, against: DummyHashes.hash(for: scheme))
            return .failure(.invalidCredentials)
        }

        var name = login.lowercased()
        var masterName: String?
        if let star = name.firstIndex(of: "*") {
            masterName = String(name[name.index(after: star)...])
            name = String(name[..<star])
            guard try settings.bool(.imapMasterUser), Self.masterServices.contains(service) else { return invalid() }
        }
        guard let userName = try loginName(name) else { return invalid() }

        let records = try read { db -> (user: User?, hash: String?) in
            guard let user = try Self.loadUser(userName, db) else { return (nil, nil) }
            let hashOwner: String?
            if let masterName {
                hashOwner = try Self.administratorName(matching: masterName, db)
            } else {
                hashOwner = userName
            }
            guard let hashOwner else { return (user, nil) }
            let hash = try String.fetchOne(db.cachedStatement(sql: "SELECT password_hash FROM users WHERE name = ?"), arguments: [hashOwner])
            return (user, hash)
        }
        guard let user = records.user, let hash = records.hash else { return invalid() }
        guard PasswordHasher.verify(password, against: hash) else { return .failure(.invalidCredentials) }
        guard user.mayUse(service) else { return .failure(.serviceDisabled(service)) }
        return .success(user, viaMaster: masterName != nil)
    }

    /// `name` or `name@domain` with a local domain → the user name; nil when malformed.
    private func loginName(_ login: String) throws(DirectoryError) -> String? {
        var name = login
        if let at = login.lastIndex(of: "@") {
            name = String(login[..<at])
            guard try isLocalDomain(String(login[login.index(after: at)...])) else { return nil }
        }
        return try? NameRules.entityName(name, kind: .user)
    }

    /// The administrator a master login names: for `admin` and `root` the administrator
    /// (the user `admin` when it is one, else the first administrator by name), otherwise a
    /// user of that name flagged administrator.
    private static func administratorName(matching name: String, _ db: Database) throws -> String? {
        if masterAliases.contains(name) {
            return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM users WHERE is_administrator ORDER BY name = 'admin' DESC, name LIMIT 1"))
        }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM users WHERE name = ? AND is_administrator"), arguments: [name])
    }

}

extension User {
    /// The user's per-service switch for `service` (ManageSieve: always; admin: administrators).
    public func mayUse(_ service: MailService) -> Bool {
        switch service {
        case .imap: return imapEnabled
        case .pop3: return pop3Enabled
        case .smtp: return smtpAuthEnabled
        case .manageSieve: return true
        case .admin: return isAdministrator
        }
    }
}

/// One hash per scheme of a random password nobody knows, computed on first use: failed
/// logins of unknown users verify against it so they cost as much as a wrong password.
enum DummyHashes {
    private static let sha512: String = make(.sha512Crypt)
    private static let yescrypt: String = make(.yescrypt)

    static func hash(for scheme: PasswordScheme) -> String {
        switch scheme {
        case .sha512Crypt: return sha512
        case .yescrypt: return yescrypt
        }
    }

    private static func make(_ scheme: PasswordScheme) -> String {
        let secret = PasswordHasher.randomSalt(count: 24)
        // Fallback: a well-formed setting still makes crypt do the full work.
        return (try? PasswordHasher.hash(secret, scheme: scheme)) ?? "$6$" + PasswordHasher.randomSalt(count: 16)
    }
}
