import Foundation
import InMemoryStorage
import MailCore
import Testing
@testable import Directory

/// The in-memory directory resolves like the SQLite one: both run `RecipientResolver`
/// over their own `DirectoryEntries`, so the same entries must give the same answers.
@Suite("InMemoryDirectory resolves like DirectoryStore")
struct InMemoryResolutionParityTests {
    /// The same directory twice: example.com (catch-all to alice, copy to carol), example.org,
    /// relay.example (relayed); alice, bob (forwards to alice, keeps a copy), carol, admin
    /// (administrator), loop1/loop2 forwarding to each other; group sales (alice, bob) with
    /// its address on; aliases team@example.org → group sales + public announce,
    /// info@* → bob, staff@example.org internal-only → carol; mail.copy_all_to archive@example.org.
    static func pair() throws -> (DirectoryStore, InMemoryDirectory) {
        let sql = try DirectoryStore.inMemory()
        let memory = InMemoryDirectory()
        try sql.addDomain("example.com")
        try sql.updateDomain("example.com", DomainUpdate(catchAll: .some(email("alice@example.org")),
                                                          copyTo: .some(email("carol@example.org"))))
        memory.addDomain("example.com", catchAll: email("alice@example.org"), copyTo: email("carol@example.org"))
        try sql.addDomain("example.org")
        memory.addDomain("example.org")
        let relay = RelayTarget(host: "mx.relay.example", port: 2525)
        try sql.addDomain("relay.example", relayTo: relay)
        memory.addDomain("relay.example", relayTo: relay)
        for name in ["alice", "bob", "carol", "admin", "archive", "loop1", "loop2"] {
            try sql.addUser(name, password: .none)
        }
        try sql.updateUser("admin", UserUpdate(isAdministrator: true))
        try sql.updateUser("bob", UserUpdate(forwards: [email("alice@example.org")], keepCopy: true))
        try sql.updateUser("loop1", UserUpdate(forwards: [email("loop2@example.org")]))
        try sql.updateUser("loop2", UserUpdate(forwards: [email("loop1@example.org")]))
        for name in ["alice", "carol", "archive"] { memory.addUser(name) }
        memory.addUser("admin", isAdministrator: true)
        memory.addUser("bob", forwards: [email("alice@example.org")], keepCopy: true)
        memory.addUser("loop1", forwards: [email("loop2@example.org")])
        memory.addUser("loop2", forwards: [email("loop1@example.org")])
        try sql.addGroup("sales")
        for member in ["alice", "bob"] { try sql.addMember(group: "sales", user: member) }
        memory.addGroup("sales", members: ["alice", "bob"])
        try sql.addPublicMailbox("announce", groups: ["sales"])
        memory.addPublicMailbox("announce", groups: ["sales"])
        try sql.addAddress("team@example.org", destinations: [.group("sales"), .publicMailbox("announce")])
        memory.addAddress("team", domain: "example.org", destinations: [.group("sales"), .publicMailbox("announce")])
        try sql.addAddress("info@*", destinations: [.user("bob")])
        memory.addAddress("info", domain: nil, destinations: [.user("bob")])
        try sql.addAddress("staff@example.org", destinations: [.user("carol")], internalOnly: true)
        memory.addAddress("staff", domain: "example.org", destinations: [.user("carol")], internalOnly: true)
        for settings in [sql.settings, memory.settings] {
            try settings.set(.groupAddresses, "on")
            try settings.set(.copyAllTo, "archive@example.org")
        }
        return (sql, memory)
    }

    static let addresses = [
        "alice@example.org", "ALICE+news@Example.ORG", "bob@example.org", "sales@example.org", "team@example.org",
        "info@example.com", "nobody@example.com", "nobody@example.org", "staff@example.org", "postmaster",
        "abuse@example.org", "loop1@example.org", "someone@relay.example", "user@elsewhere.test", "not an address",
        "a%b@example.org",
    ]

    @Test(arguments: [SenderContext.external, .localNetwork, .authenticated(user: "carol")])
    func everyAddressResolvesTheSame(sender: SenderContext) throws {
        let (sql, memory) = try Self.pair()
        for address in Self.addresses {
            #expect(try memory.resolve(address, sender: sender) == sql.resolve(address, sender: sender), "\(address)")
        }
    }

    @Test func senderChecksAgree() throws {
        let (sql, memory) = try Self.pair()
        for user in ["alice", "bob", "carol"] {
            for address in Self.addresses {
                #expect(try memory.isSenderAllowed(address, forUser: user) == sql.isSenderAllowed(address, forUser: user),
                        "\(user) as \(address)")
            }
        }
        #expect(try memory.isSenderAllowed("sales@example.org", forUser: "alice"))
        #expect(try !memory.isSenderAllowed("nobody@example.com", forUser: "alice"))  // not through a catch-all
    }

    @Test func theAnswersAreTheRulesNotJustEqual() throws {
        let (_, memory) = try Self.pair()
        #expect(try memory.resolve("team@example.org", sender: .external).destinations
            == [mailbox("alice"), mailbox("bob"), .publicMailbox("announce")])
        #expect(try memory.resolve("staff@example.org", sender: .external) == .refused(.internalOnly))
        #expect(try memory.resolve("loop1@example.org", sender: .external) == .refused(.loop))
        #expect(try memory.copyAllDestinations() == [mailbox("archive")])
        #expect(try memory.effectiveQuota(forUser: "alice") == nil)
    }
}
