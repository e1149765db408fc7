import MailCore
import Testing
@testable import Directory

@Suite("Sender/login match")
struct SenderLoginMatchTests {
    @Test func ownAddressesAliasesAndGroupAddressesBelongToTheUser() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("alice")], internalOnly: false)
        try store.addGroup("team")
        try store.addMember(group: "team", user: "alice")
        try store.settings.set(.groupAddresses, "true")
        #expect(try store.isSenderAllowed("alice@example.org", forUser: "alice"))
        #expect(try store.isSenderAllowed("Alice+tag@example.com", forUser: "ALICE"))
        #expect(try store.isSenderAllowed("info@example.com", forUser: "alice"))
        #expect(try store.isSenderAllowed("team@example.com", forUser: "alice"))
        #expect(try !store.isSenderAllowed("bob@example.com", forUser: "alice"))
        #expect(try !store.isSenderAllowed("alice@remote.example", forUser: "alice"))
        #expect(try !store.isSenderAllowed("not an address", forUser: "alice"))
    }

    @Test func forwardingUsersStillOwnTheirAddress() throws {
        let store = try makeFixture()
        try store.forward("alice", to: ["alice@home.example"])
        #expect(try store.isSenderAllowed("alice@example.com", forUser: "alice"))
    }

    @Test func catchAllDoesNotGiveAwayTheWholeDomain() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try !store.isSenderAllowed("ceo@example.com", forUser: "carol"))
        #expect(try store.isSenderAllowed("carol@example.com", forUser: "carol"))
    }
}
