import Foundation
import Testing
@testable import Directory

@Suite("Authentication")
struct AuthenticationTests {
    func store() throws -> DirectoryStore {
        let store = try makeFixture()
        try store.setPassword("alice", .plain("alice-pw"))
        try store.setPassword("admin", .plain("admin-pw"))
        return store
    }

    func succeeded(_ result: AuthResult) -> (name: String, viaMaster: Bool)? {
        if case let .success(user, viaMaster) = result { return (user.name, viaMaster) }
        return nil
    }

    @Test func correctPasswordForEveryLoginForm() throws {
        let store = try store()
        for login in ["alice", "ALICE", "alice@example.com", "Alice@Example.ORG"] {
            let outcome = succeeded(store.authenticate(login: login, password: "alice-pw", service: .imap))
            #expect(outcome?.name == "alice" && outcome?.viaMaster == false, "login \(login)")
        }
    }

    @Test func unknownUserAndWrongPasswordFailAlike() throws {
        let store = try store()
        #expect(store.authenticate(login: "alice", password: "wrong", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "ghost", password: "alice-pw", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "alice@elsewhere.example", password: "alice-pw", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "bad name!", password: "x", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "alice", password: "", service: .imap) == .failure(.invalidCredentials))
        // bob has no password at all.
        #expect(store.authenticate(login: "bob", password: "", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "bob", password: "anything", service: .imap) == .failure(.invalidCredentials))
    }

    @Test func passwordIsCheckedCaseSensitively() throws {
        let store = try store()
        #expect(store.authenticate(login: "alice", password: "ALICE-PW", service: .imap) == .failure(.invalidCredentials))
    }

    @Test func disabledDomainIsNotALoginDomain() throws {
        let store = try store()
        try store.updateDomain("example.org", DomainUpdate(enabled: false))
        #expect(store.authenticate(login: "alice@example.org", password: "alice-pw", service: .imap) == .failure(.invalidCredentials))
    }

    @Test func serviceSwitchesAreCheckedAfterThePassword() throws {
        let store = try store()
        try store.updateUser("alice", UserUpdate(imapEnabled: false, pop3Enabled: false, smtpAuthEnabled: false))
        #expect(store.authenticate(login: "alice", password: "alice-pw", service: .imap) == .failure(.serviceDisabled(.imap)))
        #expect(store.authenticate(login: "alice", password: "alice-pw", service: .pop3) == .failure(.serviceDisabled(.pop3)))
        #expect(store.authenticate(login: "alice", password: "alice-pw", service: .smtp) == .failure(.serviceDisabled(.smtp)))
        // A wrong password never reveals that the service is off.
        #expect(store.authenticate(login: "alice", password: "nope", service: .imap) == .failure(.invalidCredentials))
        #expect(succeeded(store.authenticate(login: "alice", password: "alice-pw", service: .manageSieve)) != nil)
        #expect(AuthFailure.serviceDisabled(.imap).description == "imap access is disabled for this user")
    }

    @Test func adminServiceIsForAdministratorsOnly() throws {
        let store = try store()
        #expect(store.authenticate(login: "alice", password: "alice-pw", service: .admin) == .failure(.serviceDisabled(.admin)))
        #expect(succeeded(store.authenticate(login: "admin", password: "admin-pw", service: .admin))?.name == "admin")
    }

    @Test func masterUserIsOffByDefault() throws {
        let store = try store()
        #expect(store.authenticate(login: "alice*admin", password: "admin-pw", service: .imap) == .failure(.invalidCredentials))
    }

    @Test func masterUserLogsInAsTheUser() throws {
        let store = try store()
        try store.settings.set(.imapMasterUser, "true")
        for login in ["alice*admin", "ALICE*root", "alice@example.com*admin"] {
            let outcome = succeeded(store.authenticate(login: login, password: "admin-pw", service: .imap))
            #expect(outcome?.name == "alice" && outcome?.viaMaster == true, "login \(login)")
        }
        // bob has no password of his own: the master login still works.
        #expect(succeeded(store.authenticate(login: "bob*admin", password: "admin-pw", service: .pop3))?.viaMaster == true)
        // The user's own password is not the master password.
        #expect(store.authenticate(login: "alice*admin", password: "alice-pw", service: .imap) == .failure(.invalidCredentials))
        // Any administrator may be named.
        try store.addUser("boss", password: .plain("boss-pw"))
        try store.updateUser("boss", UserUpdate(isAdministrator: true))
        #expect(succeeded(store.authenticate(login: "alice*boss", password: "boss-pw", service: .imap))?.viaMaster == true)
        // Only administrators are masters; unknown targets fail.
        #expect(store.authenticate(login: "admin*alice", password: "alice-pw", service: .imap) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "ghost*admin", password: "admin-pw", service: .imap) == .failure(.invalidCredentials))
        // Never for SMTP (sending as the user) nor for the admin UI.
        #expect(store.authenticate(login: "alice*admin", password: "admin-pw", service: .smtp) == .failure(.invalidCredentials))
        #expect(store.authenticate(login: "alice*admin", password: "admin-pw", service: .admin) == .failure(.invalidCredentials))
    }

    @Test func masterLoginRespectsTheTargetsServiceSwitch() throws {
        let store = try store()
        try store.settings.set(.imapMasterUser, "true")
        try store.updateUser("alice", UserUpdate(imapEnabled: false))
        #expect(store.authenticate(login: "alice*admin", password: "admin-pw", service: .imap) == .failure(.serviceDisabled(.imap)))
    }

    @Test(arguments: ForeignHashes.all)
    func importedHashesLogIn(password: String, hash: String) throws {
        let store = try makeFixture()
        try store.setPassword("carol", .hash(hash))
        #expect(succeeded(store.authenticate(login: "carol", password: password, service: .imap))?.name == "carol")
        #expect(store.authenticate(login: "carol", password: password + "!", service: .imap) == .failure(.invalidCredentials))
    }

    @Test func newPasswordsFollowTheSchemeSetting() throws {
        let store = try makeFixture()
        try store.settings.set(.passwordScheme, "yescrypt")
        try store.setPassword("carol", .plain("new-pw"))
        let hash = try store.database.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM users WHERE name = 'carol'") }
        #expect(hash?.hasPrefix("$y$") == true)
        #expect(succeeded(store.authenticate(login: "carol", password: "new-pw", service: .imap)) != nil)
        // Older $6$ hashes keep working after the switch.
        try store.setPassword("bob", .hash(ForeignHashes.sha512.1))
        #expect(succeeded(store.authenticate(login: "bob", password: ForeignHashes.sha512.0, service: .imap)) != nil)
    }

    @Test func dummyHashesMatchTheScheme() {
        #expect(DummyHashes.hash(for: .sha512Crypt).hasPrefix("$6$"))
        #expect(DummyHashes.hash(for: .yescrypt).hasPrefix("$y$"))
        #expect(HashFormat.problem(DummyHashes.hash(for: .yescrypt)) == nil)
    }

    @Test func unknownUsersCostAHashComputationToo() throws {
        // yescrypt is slow enough (≈ 20 ms) to see whether a hash was computed at all.
        let store = try makeFixture()
        try store.settings.set(.passwordScheme, "yescrypt")
        try store.setPassword("alice", .plain("alice-pw"))
        _ = store.authenticate(login: "ghost", password: "warm-up", service: .imap)
        // Interleaved samples, compared by their minimum: robust against other tests
        // competing for the CPU.
        let clock = ContinuousClock()
        var fastest: [String: Duration] = [:]
        for _ in 0..<5 {
            for login in ["alice", "ghost", "bob"] {
                let elapsed = clock.measure { _ = store.authenticate(login: login, password: "wrong", service: .imap) }
                fastest[login] = min(fastest[login] ?? elapsed, elapsed)
            }
        }
        let known = fastest["alice"]!, unknown = fastest["ghost"]!, noPassword = fastest["bob"]!
        #expect(unknown > known / 3, "unknown user \(unknown) vs known user \(known)")
        #expect(noPassword > known / 3, "user without password \(noPassword) vs known user \(known)")
    }

    @Test func storageFailuresAreReportedAsUnavailable() throws {
        let store = try makeFixture()
        try store.database.write { db in try db.execute(sql: "DROP TABLE user_forwards") }
        guard case .failure(.unavailable) = store.authenticate(login: "alice", password: "x", service: .imap) else {
            Issue.record("a broken database must not look like bad credentials")
            return
        }
    }
}
