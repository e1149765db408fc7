import MailCore
import Testing
@testable import Directory

@Suite("Resolution: hidden copies")
struct ResolutionCopyTests {
    @Test func domainCopyInboundAddsAHiddenCopy() throws {
        let store = try makeFixture()
        try store.addUser("archive", password: .none)
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("archive@example.com")))
        let resolution = try store.resolveExternal("alice@example.com")
        #expect(resolution.destinations == [mailbox("alice")])
        #expect(resolution.copies == [mailbox("archive")])
        // Not for the other domain.
        #expect(try store.resolveExternal("alice@example.org").copies == [])
    }

    @Test func copyIsNotRepeatedWhenItIsAlreadyADestination() throws {
        let store = try makeFixture()
        try store.addUser("archive", password: .none)
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("archive@example.com")))
        let resolution = try store.resolveExternal("archive+x@example.com")
        #expect(resolution.destinations == [mailbox("archive", "x")])
        #expect(resolution.copies == [])
    }

    @Test func copyAllToAppliesEverywhereAndDeduplicatesWithTheDomainCopy() throws {
        let store = try makeFixture()
        try store.settings.set(.copyAllTo, "audit@remote.example")
        #expect(try store.resolveExternal("bob@example.org").copies == [external("audit@remote.example")])
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("AUDIT@remote.example")))
        #expect(try store.resolveExternal("bob@example.com").copies == [external("AUDIT@remote.example")])
    }

    @Test func copiesResolveRecursivelyAndSkipDestinations() throws {
        let store = try makeFixture()
        try store.addGroup("auditors")
        try store.addMember(group: "auditors", user: "alice")
        try store.addMember(group: "auditors", user: "carol")
        try store.addAddress("audit@example.com", destinations: [.group("auditors")], internalOnly: true)
        try store.updateDomain("example.org", DomainUpdate(copyTo: email("audit@example.com")))
        let resolution = try store.resolveExternal("alice@example.org")
        #expect(resolution.destinations == [mailbox("alice")])
        #expect(resolution.copies == [mailbox("carol")])
    }

    @Test func aCopyThatResolvesToNothingDoesNotRefuseTheMessage() throws {
        let store = try makeFixture()
        try store.updateDomain("example.com", DomainUpdate(copyTo: email("gone@example.org")))
        let resolution = try store.resolveExternal("bob@example.com")
        #expect(resolution.destinations == [mailbox("bob")])
        #expect(resolution.copies == [])
    }

    @Test func copyAllDestinationsForOutboundMail() throws {
        let store = try makeFixture()
        #expect(try store.copyAllDestinations() == [])
        try store.settings.set(.copyAllTo, "carol@example.com")
        #expect(try store.copyAllDestinations() == [mailbox("carol")])
        try store.settings.set(.copyAllTo, "audit@remote.example")
        #expect(try store.copyAllDestinations() == [external("audit@remote.example")])
    }
}
