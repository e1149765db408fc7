import MailCore
import Testing
@testable import Directory

@Suite("Resolution: domains, users, syntax")
struct ResolutionBasicsTests {
    @Test func userIsValidAtEveryLocalDomain() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
        #expect(try store.resolveExternal("alice@example.org").destinations == [mailbox("alice")])
    }

    @Test func domainAndLocalPartAreCaseInsensitive() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("ALICE@Example.COM").destinations == [mailbox("alice")])
    }

    @Test func internationalizedDomainMatchesItsALabel() throws {
        let store = try makeFixture()
        let domain = try store.addDomain("Bücher.example")
        #expect(domain.name == "xn--bcher-kva.example")
        #expect(try store.resolveExternal("alice@bücher.example").destinations == [mailbox("alice")])
        #expect(try store.resolveExternal("alice@xn--bcher-kva.example").destinations == [mailbox("alice")])
    }

    @Test func foreignDomainIsNotLocal() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("alice@elsewhere.net").refusal == .domainNotLocal)
        #expect(try store.resolveExternal("alice@[192.0.2.1]").refusal == .domainNotLocal)
    }

    @Test func invalidSyntaxIsReportedWithTheParserMessage() throws {
        let store = try makeFixture()
        guard case let .invalidSyntax(message)? = try store.resolveExternal("a@@example.com").refusal else {
            Issue.record("a@@example.com was not refused as invalid syntax")
            return
        }
        #expect(!message.isEmpty)
        #expect(Refusal.invalidSyntax(message).description.hasPrefix("invalid address: "))
        if case .invalidSyntax? = try store.resolveExternal("nodomain").refusal {} else {
            Issue.record("an address without @ must be invalid syntax")
        }
    }

    @Test func unknownLocalPartIsUnknownRecipient() throws {
        let store = try makeFixture()
        #expect(try store.resolveExternal("nobody@example.com").refusal == .unknownRecipient)
    }

    @Test func removedDomainRefusesMailButUsersStay() throws {
        let store = try makeFixture()
        try store.addAddress("sales@example.org", destinations: [.user("bob")], internalOnly: false)
        try store.removeDomain("example.org")
        #expect(try store.resolveExternal("alice@example.org").refusal == .domainNotLocal)
        #expect(try store.resolveExternal("sales@example.org").refusal == .domainNotLocal)
        #expect(try store.resolveExternal("alice@example.com").destinations == [mailbox("alice")])
        #expect(try store.user(named: "alice") != nil)
        #expect(try store.address("sales@example.org") == nil)
    }

    @Test func disabledDomainRefusesMailAndIsExternalAsATarget() throws {
        let store = try makeFixture()
        try store.updateDomain("example.org", DomainUpdate(enabled: false))
        #expect(try store.resolveExternal("alice@example.org").refusal == .domainNotLocal)
        #expect(try store.isLocalDomain("example.org") == false)
        // A forward to the disabled domain leaves the server like any foreign address.
        try store.forward("bob", to: ["carol@example.org"])
        #expect(try store.resolveExternal("bob@example.com").destinations == [external("carol@example.org")])
        try store.updateDomain("example.org", DomainUpdate(enabled: true))
        #expect(try store.resolveExternal("alice@example.org").destinations == [mailbox("alice")])
    }

    @Test func relayDomainAcceptsEverythingAndRoutesToItsHost() throws {
        let store = try makeFixture()
        let target = RelayTarget(host: "mx.inside.lan", port: 2525, tls: .required)
        try store.addDomain("relay.example", relayTo: target)
        let resolution = try store.resolveExternal("Anyone@RELAY.example")
        #expect(resolution.destinations == [.relay(EmailAddress(localPart: "Anyone", domain: "relay.example"), target)])
        // Users and postmaster are not local there: the relay host owns the domain.
        #expect(try store.resolveExternal("alice@relay.example").destinations
            == [.relay(EmailAddress(localPart: "alice", domain: "relay.example"), target)])
    }

    @Test func relayDomainCopyInboundStillApplies() throws {
        let store = try makeFixture()
        let target = RelayTarget(host: "mx.inside.lan")
        try store.addDomain("relay.example", relayTo: target)
        try store.updateDomain("relay.example", DomainUpdate(copyTo: email("carol@example.com")))
        let resolution = try store.resolveExternal("x@relay.example")
        #expect(resolution.copies == [mailbox("carol")])
    }

    @Test func forwardToRelayDomainAddressIsRelayed() throws {
        let store = try makeFixture()
        let target = RelayTarget(host: "mx.inside.lan")
        try store.addDomain("relay.example", relayTo: target)
        try store.forward("alice", to: ["alice@relay.example"])
        #expect(try store.resolveExternal("alice@example.com").destinations
            == [.relay(EmailAddress(localPart: "alice", domain: "relay.example"), target)])
    }

    @Test func refusalsCarryAPreciseDescriptionAndStatusCode() {
        #expect(Refusal.unknownRecipient.enhancedStatusCode == "5.1.1")
        #expect(Refusal.loop.enhancedStatusCode == "5.4.6")
        #expect(Refusal.internalOnly.description.contains("local senders"))
        #expect(Refusal.disabled("the address of group sales is disabled").description == "the address of group sales is disabled")
        #expect(Refusal.domainNotLocal.description.contains("domain"))
    }
}
