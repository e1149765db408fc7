import MailCore
import Testing
@testable import Directory

@Suite("Resolution: subaddress, postmaster, routing characters")
struct ResolutionSpecialLocalPartsTests {
    @Test func subaddressDeliversToTheUserWithTheTag() throws {
        let store = try makeFixture()
        let resolution = try store.resolveExternal("alice+News@example.com")
        #expect(resolution.destinations == [mailbox("alice", "news")])
        #expect(resolution.subaddress == "news")
    }

    @Test func onlyTheFirstPlusSeparates() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("alice+a+b@example.com").destinations == [mailbox("alice", "a+b")])
    }

    @Test func emptyTagIsAnEmptySubaddress() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("alice+@example.com").destinations == [mailbox("alice", "")])
    }

    @Test func anAddressSpelledWithPlusBeatsTheSubaddressRule() throws {
        let store = try makeFixture()
        try store.addAddress("alice+news@example.com", destinations: [.user("bob")], internalOnly: false)
        let resolution = try store.resolveExternal("alice+news@example.com")
        #expect(resolution.destinations == [mailbox("bob")])
        #expect(resolution.subaddress == nil)
        // Another tag still reaches alice.
        #expect(try store.resolveExternal("alice+other@example.com").destinations == [mailbox("alice", "other")])
    }

    @Test func subaddressOfAnAliasCarriesTheTagToItsMailboxes() throws {
        let store = try makeFixture()
        try store.addAddress("info@*", destinations: [.user("bob"), .external(email("partner@remote.example"))], internalOnly: false)
        let resolution = try store.resolveExternal("info+web@example.org")
        #expect(resolution.destinations == [mailbox("bob", "web"), external("partner@remote.example")])
        #expect(resolution.subaddress == "web")
    }

    @Test func subaddressOfUnknownBaseIsUnknownOrCatchAll() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("nobody+x@example.com").refusal == .unknownRecipient)
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try store.resolveExternal("nobody+x@example.com").destinations == [mailbox("carol")])
    }

    @Test func postmasterAndAbuseGoToTheAdministratorAtEveryDomain() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("postmaster@example.com").destinations == [mailbox("admin")])
        #expect(try store.resolveExternal("PostMaster@example.org").destinations == [mailbox("admin")])
        #expect(try store.resolveExternal("abuse@example.org").destinations == [mailbox("admin")])
    }

    @Test func barePostmasterIsAccepted() throws {
        // RFC 5321 §4.5.1: RCPT TO:<Postmaster> without a domain.
        let store = try makeFixture()
        #expect(try store.resolveExternal("Postmaster").destinations == [mailbox("admin")])
    }

    @Test func internalPostmasterAliasIsRespectedWithoutDomainToo() throws {
        let store = try makeFixture()
        try store.addAddress("postmaster@*", destinations: [.user("carol")], internalOnly: true)
        #expect(try store.resolve("postmaster", sender: .external).refusal == .internalOnly)
        #expect(try store.resolve("postmaster", sender: .localNetwork).destinations == [mailbox("carol")])
    }

    @Test func explicitAddressesOverridePostmaster() throws {
        let store = try makeFixture()
        try store.addAddress("postmaster@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(try store.resolveExternal("postmaster@example.com").destinations == [mailbox("bob")])
        #expect(try store.resolveExternal("postmaster@example.org").destinations == [mailbox("admin")])
        try store.addAddress("abuse@*", destinations: [.user("carol")], internalOnly: false)
        #expect(try store.resolveExternal("abuse@example.org").destinations == [mailbox("carol")])
        try store.addAddress("postmaster", destinations: [.user("carol")], internalOnly: false)
        #expect(try store.resolveExternal("postmaster").destinations == [mailbox("carol")])
    }

    @Test func postmasterGoesThroughTheAdministratorsForwards() throws {
        let store = try makeFixture()
        try store.forward("admin", to: ["boss@remote.example"], keepCopy: true)
        #expect(try store.resolveExternal("postmaster@example.com").destinations
            == [mailbox("admin"), external("boss@remote.example")])
    }

    @Test func postmasterWithoutAnyAdministratorIsUnknown() throws {
        let store = try DirectoryStore.inMemory()
        try store.addDomain("example.com")
        #expect(try store.resolveExternal("postmaster@example.com").refusal == .unknownRecipient)
    }

    @Test(arguments: ["alice%remote.example@example.com", "remote.example!alice@example.com", "\"alice@remote.example\"@example.com"])
    func routingCharactersAreNeverRouted(address: String) throws {
        let store = try makeFixture()
        // Not even the catch-all takes them: they are unknown local parts.
        try store.updateDomain("example.com", DomainUpdate(catchAll: email("carol@example.com")))
        #expect(try store.resolveExternal(address).refusal == .unknownRecipient)
    }

    @Test func anAliasSpelledWithRoutingCharactersExistsLiterally() throws {
        let store = try makeFixture()
        try store.addAddress("a%b@example.com", destinations: [.user("bob")], internalOnly: false)
        try store.addAddress("x!y", destinations: [.user("carol")], internalOnly: false)
        #expect(try store.resolveExternal("a%b@example.com").destinations == [mailbox("bob")])
        #expect(try store.resolveExternal("X!Y@example.org").destinations == [mailbox("carol")])
        #expect(try store.resolveExternal("a%b@example.org").refusal == .unknownRecipient)
    }
}
