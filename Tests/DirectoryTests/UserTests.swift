import MailCore
import Testing
@testable import Directory

@Suite("Users")
struct UserTests {
    @Test func addWithDefaults() throws {
        let store = try DirectoryStore.inMemory()
        let user = try store.addUser("Alice", password: .plain("correct horse"))
        #expect(user.name == "alice")
        #expect(user.imapEnabled && user.pop3Enabled && user.smtpAuthEnabled)
        #expect(!user.isAdministrator && !user.keepCopy && user.forwards.isEmpty)
        #expect(user.quota == nil && user.quotaUsedBytes == 0 && user.spamRetentionDays == nil)
        #expect(user.hasPassword)
        #expect(try store.user(named: "ALICE") == user)
        #expect(try store.users() == [user])
    }

    @Test(arguments: [
        ("", "the name is empty"),
        ("bob smith", "use a-z, 0-9, '.', '_' and '-', starting with a letter or digit"),
        ("-bob", "use a-z, 0-9, '.', '_' and '-', starting with a letter or digit"),
        ("bob+x", "use a-z, 0-9, '.', '_' and '-', starting with a letter or digit"),
        ("j\u{F6}rg", "use a-z, 0-9, '.', '_' and '-', starting with a letter or digit"),
        (String(repeating: "a", count: 65), "at most 64 characters"),
    ])
    func invalidUserNames(name: String, reason: String) throws {
        let store = try DirectoryStore.inMemory()
        #expect(errorMessage { try store.addUser(name, password: .none) } == "invalid user name \"\(name)\": \(reason)")
    }

    @Test func validUnusualNames() throws {
        let store = try DirectoryStore.inMemory()
        for name in ["0day", "first.last", "under_score", "a-b", String(repeating: "z", count: 64)] {
            #expect(try store.addUser(name, password: .none).name == name)
        }
    }

    @Test func duplicatesAndSharedNameSpace() throws {
        let store = try DirectoryStore.inMemory()
        try store.addUser("bob", password: .none)
        #expect(errorMessage { try store.addUser("BOB", password: .none) } == "user bob already exists")
        try store.addGroup("sales")
        #expect(errorMessage { try store.addUser("sales", password: .none) } == "name sales is already used by a group")
        try store.addPublicMailbox("shared", groups: [])
        #expect(errorMessage { try store.addUser("shared", password: .none) } == "name shared is already used by a public mailbox")
        #expect(errorMessage { try store.addGroup("bob") } == "name bob is already used by a user")
    }

    @Test func removeUser() throws {
        let store = try makeFixture()
        try store.addGroup("team")
        try store.addMember(group: "team", user: "bob")
        try store.forward("bob", to: ["bob@home.example"])
        try store.removeUser("Bob")
        #expect(try store.user(named: "bob") == nil)
        #expect(try store.group(named: "team")?.members == [])
        #expect(errorMessage { try store.removeUser("bob") } == "unknown user bob")
        // The name is free again, without the old forwards.
        #expect(try store.addUser("bob", password: .none).forwards == [])
    }

    @Test func removingAUserAnAddressDeliversToIsRefused() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(errorMessage { try store.removeUser("bob") }
            == "user bob is used by address info@example.com; change that first")
    }

    @Test func theLastAdministratorStays() throws {
        let store = try makeFixture()
        #expect(errorMessage { try store.removeUser("admin") } == "user admin is the only administrator and cannot be removed")
        #expect(errorMessage { try store.updateUser("admin", UserUpdate(isAdministrator: false)) } == "user admin is the only administrator")
        try store.updateUser("carol", UserUpdate(isAdministrator: true))
        try store.removeUser("admin")
        #expect(try store.administrators() == ["carol"])
    }

    @Test func updateEveryField() throws {
        let store = try makeFixture()
        try store.updateUser("alice", UserUpdate(
            imapEnabled: false, pop3Enabled: false, smtpAuthEnabled: false, isAdministrator: true,
            forwards: [email("a@Home.example"), email("a@home.example"), email("b@work.example")], keepCopy: true,
            quota: .some(1 << 30), spamRetentionDays: .some(30), quotaUsedBytes: 1234))
        var alice = try #require(try store.user(named: "alice"))
        #expect(!alice.imapEnabled && !alice.pop3Enabled && !alice.smtpAuthEnabled && alice.isAdministrator)
        #expect(alice.forwards == [email("a@home.example"), email("b@work.example")]) // deduplicated, domain lowercased
        #expect(alice.keepCopy)
        #expect(alice.quota == 1 << 30 && alice.spamRetentionDays == 30 && alice.quotaUsedBytes == 1234)

        // Double optionals: .some(nil) returns to the default, nil leaves as is.
        try store.updateUser("alice", UserUpdate(forwards: [], quota: .some(nil), spamRetentionDays: .some(nil)))
        alice = try #require(try store.user(named: "alice"))
        #expect(alice.forwards.isEmpty && alice.quota == nil && alice.spamRetentionDays == nil)
        #expect(alice.keepCopy) // untouched
    }

    @Test func updateValidation() throws {
        let store = try makeFixture()
        #expect(errorMessage { try store.updateUser("nobody", UserUpdate(keepCopy: true)) } == "unknown user nobody")
        #expect(errorMessage { try store.updateUser("alice", UserUpdate(quota: .some(-1))) }
            == "a quota is 0 (unlimited) or a positive number of bytes")
        #expect(errorMessage { try store.updateUser("alice", UserUpdate(spamRetentionDays: .some(5000))) }
            == "spam retention must be 0 to 3650 days")
        #expect(errorMessage { try store.updateUser("alice", UserUpdate(forwards: [EmailAddress(localPart: "x", domain: "[192.0.2.1]")])) }
            == "invalid address \"x@[192.0.2.1]\": address literals are not accepted here")
    }

    @Test func quotaSemantics() throws {
        let store = try makeFixture()
        // Default quota 0 = unlimited.
        #expect(try store.effectiveQuota(forUser: "alice") == nil)
        try store.settings.set(.defaultQuota, "2G")
        #expect(try store.effectiveQuota(forUser: "alice") == 2 << 30)
        try store.updateUser("alice", UserUpdate(quota: .some(0)))
        #expect(try store.effectiveQuota(forUser: "alice") == nil) // explicitly unlimited
        try store.updateUser("alice", UserUpdate(quota: .some(500)))
        #expect(try store.effectiveQuota(forUser: "alice") == 500)
        #expect(try store.addUser("dave", password: .none, quota: 100).quota == 100)
        try store.setQuotaUsage("dave", bytes: 99)
        #expect(try store.user(named: "dave")?.quotaUsedBytes == 99)
        #expect(errorMessage { try store.addUser("eve", password: .none, quota: -5) } == "a quota is 0 (unlimited) or a positive number of bytes")
    }

    @Test func spamRetention() throws {
        let store = try makeFixture()
        #expect(try store.spamRetentionDays(forUser: "alice") == 15)
        try store.settings.set(.spamRetentionDays, "7")
        #expect(try store.spamRetentionDays(forUser: "alice") == 7)
        try store.updateUser("alice", UserUpdate(spamRetentionDays: .some(60)))
        #expect(try store.spamRetentionDays(forUser: "alice") == 60)
    }

    @Test func passwordsOnAddAndChange() throws {
        let store = try DirectoryStore.inMemory()
        #expect(try !store.addUser("nopass", password: .none).hasPassword)
        #expect(errorMessage { try store.addUser("empty", password: .plain("")) } == "invalid password: the password is empty")
        #expect(errorMessage { try store.addUser("badhash", password: .hash("plaintext")) }?.hasPrefix("invalid password hash: expected a crypt(3) hash") == true)
        #expect(try store.user(named: "badhash") == nil)
        try store.setPassword("nopass", .plain("now-one"))
        #expect(try store.user(named: "nopass")?.hasPassword == true)
        try store.setPassword("nopass", .none)
        #expect(try store.user(named: "nopass")?.hasPassword == false)
        #expect(errorMessage { try store.setPassword("ghost", .none) } == "unknown user ghost")
    }

    @Test func ensureAdministratorCreatesAdminOnce() throws {
        let store = try DirectoryStore.inMemory()
        let password = try #require(try store.ensureAdministrator())
        #expect(password.count == 20)
        #expect(try store.ensureAdministrator() == nil)
        let admin = try #require(try store.user(named: "admin"))
        #expect(admin.isAdministrator)
        guard case let .success(user, viaMaster) = store.authenticate(login: "admin", password: password, service: .admin) else {
            Issue.record("the generated administrator password does not log in")
            return
        }
        #expect(user.name == "admin" && !viaMaster)
    }

    @Test func ensureAdministratorPromotesAnExistingAdminUser() throws {
        let store = try DirectoryStore.inMemory()
        try store.addUser("admin", password: .plain("mine"))
        #expect(try store.ensureAdministrator() == nil)
        #expect(try store.administrators() == ["admin"])
    }

    @Test func ensureAdministratorRespectsExistingAdministrators() throws {
        let store = try DirectoryStore.inMemory()
        try store.addUser("boss", password: .none)
        try store.updateUser("boss", UserUpdate(isAdministrator: true))
        #expect(try store.ensureAdministrator() == nil)
        #expect(try store.user(named: "admin") == nil)
    }
}
