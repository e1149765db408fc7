import Testing
@testable import Administration

@Suite("User operations")
struct UserOperationTests {
    @Test func addWithDefaultsAndQuota() throws {
        let admin = try makeAdministration()
        let john = try admin.addUser("John", password: .plain("s3cret"), quota: .bytes(2 << 30))
        #expect(john.name == "john" && john.has_password && john.quota == 2 << 30 && john.quota_used == 0)
        let mary = try admin.addUser("mary")
        #expect(!mary.has_password)
        // quota.default applies to users without their own quota; 0 means unlimited.
        try admin.setSetting("quota.default", "1G")
        #expect(try admin.user("mary").quota == 1 << 30)
        #expect(try admin.addUser("nolimit", quota: .unlimited).quota == nil)
        #expect(try admin.users().map(\.name) == ["john", "mary", "nolimit"])
    }

    @Test func updateRoundTrip() throws {
        let admin = try makeAdministration()
        try admin.addUser("john")
        let updated = try admin.updateUser("john", UserChanges(
            imap: false, pop3: false, smtpAuth: false,
            forwards: [AdminInput.address("john@elsewhere.example", label: "forward"),
                       AdminInput.address("J2@Elsewhere.example", label: "forward")],
            keepCopy: true, quota: .unlimited, spamRetentionDays: .some(30)))
        #expect(!updated.imap && !updated.pop3 && !updated.smtp_auth && updated.keep_copy)
        #expect(updated.forwards == ["john@elsewhere.example", "J2@elsewhere.example"])
        #expect(updated.quota == nil && updated.spam_retention_days == 30)
        let back = try admin.updateUser("john", UserChanges(forwards: [], quota: .bytes(500 << 20), spamRetentionDays: .some(nil)))
        #expect(back.forwards == [] && back.quota == 500 << 20 && back.spam_retention_days == 15)
        #expect(try admin.updateUser("john", UserChanges(administrator: true)).administrator)
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        try admin.addUser("john")
        #expect(adminError { try admin.addUser("john") } == .conflict("user john already exists"))
        #expect(adminError { try admin.addUser("Bad Name!") }?.kind == .invalidInput)
        #expect(adminError { try admin.addUser("eve", password: .hash("plaintext")) }?.kind == .invalidInput)
        #expect(adminError { try admin.updateUser("nobody", UserChanges(imap: true)) } == .notFound("unknown user nobody"))
        #expect(adminError { _ = try admin.user("nobody") } == .notFound("unknown user nobody"))
        #expect(adminError { try admin.setPassword("nobody", "x") }?.kind == .notFound)
        #expect(adminError { try admin.removeUser("nobody") }?.kind == .notFound)
        #expect(adminError { try admin.updateUser("john", UserChanges(spamRetentionDays: .some(4000))) }?.kind == .invalidInput)
        // The last administrator stays.
        try admin.updateUser("john", UserChanges(administrator: true))
        #expect(adminError { try admin.removeUser("john") }?.kind == .invalidInput)
    }

    @Test func removeIsRefusedWhileAnAddressDeliversToTheUser() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        try admin.addUser("john")
        try admin.addAddress("info@example.com", destinations: [AdminInput.destination("user:john")])
        #expect(adminError { try admin.removeUser("john") }?.kind == .conflict)
        try admin.removeAddress("info@example.com")
        try admin.removeUser("john")
        #expect(try admin.users().isEmpty)
    }
}
