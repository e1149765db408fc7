import MailCore
import Testing
@testable import Directory

@Suite("Domains")
struct DomainTests {
    @Test func addListGetAndNormalize() throws {
        let store = try DirectoryStore.inMemory()
        let added = try store.addDomain("Example.COM.")
        #expect(added.name == "example.com")
        #expect(added.deliversLocally && added.enabled && !added.dkimEnabled)
        try store.addDomain("b.example")
        #expect(try store.domains().map(\.name) == ["b.example", "example.com"])
        #expect(try store.domain(named: "EXAMPLE.com")?.name == "example.com")
        #expect(try store.domain(named: "missing.example") == nil)
        #expect(try store.domain(named: "not a domain") == nil)
        #expect(try store.isLocalDomain("example.com"))
        #expect(try !store.isLocalDomain("missing.example"))
    }

    @Test func duplicateDomainIsRefused() throws {
        let store = try DirectoryStore.inMemory()
        try store.addDomain("example.com")
        #expect(errorMessage { try store.addDomain("EXAMPLE.com") } == "domain example.com already exists")
    }

    @Test(arguments: [
        ("", "the name is empty"),
        ("exa mple.com", "only letters, digits, '-' and '.' are allowed"),
        ("-bad.example", "label \"-bad\" starts or ends with '-'"),
        ("a..b", "empty label"),
        ("192.0.2.1", "looks like an IP address, not a domain name"),
    ])
    func invalidDomainNames(name: String, reason: String) throws {
        let store = try DirectoryStore.inMemory()
        #expect(errorMessage { try store.addDomain(name) } == "invalid domain name \"\(name)\": \(reason)")
    }

    @Test func removeUnknownDomain() throws {
        let store = try DirectoryStore.inMemory()
        #expect(errorMessage { try store.removeDomain("nope.example") } == "unknown domain nope.example")
    }

    @Test func removeDeletesBoundAddressesOnly() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.org", destinations: [.user("bob")], internalOnly: false)
        try store.addAddress("info@example.com", destinations: [.user("bob")], internalOnly: false)
        try store.addAddress("all@*", destinations: [.user("bob")], internalOnly: false)
        try store.removeDomain("example.org")
        #expect(try store.addresses().map(\.spec) == ["all@*", "info@example.com"])
        #expect(try store.users().count == 4)
        // Adding it again starts clean: the old bound address is gone for good.
        try store.addDomain("example.org")
        #expect(try store.resolveExternal("info@example.org").refusal == .unknownRecipient)
        #expect(try store.resolveExternal("all@example.org").destinations == [mailbox("bob")])
    }

    @Test func updateEveryField() throws {
        let store = try DirectoryStore.inMemory()
        try store.addDomain("example.com")
        try store.updateDomain("example.com", DomainUpdate(
            catchAll: email("all@Catch.example"), copyTo: email("copy@example.com"), dkimEnabled: true,
            disclaimer: "**Confidential.**"))
        var domain = try #require(try store.domain(named: "example.com"))
        #expect(domain.catchAll == EmailAddress(localPart: "all", domain: "catch.example"))
        #expect(domain.copyTo == email("copy@example.com"))
        #expect(domain.dkimEnabled)
        #expect(domain.disclaimer == "**Confidential.**")

        try store.updateDomain("example.com", DomainUpdate(catchAll: .some(nil), disclaimer: .some("  ")))
        domain = try #require(try store.domain(named: "example.com"))
        #expect(domain.catchAll == nil)
        #expect(domain.copyTo != nil) // untouched
        #expect(domain.disclaimer == nil) // blank text = no disclaimer

        try store.updateDomain("example.com", DomainUpdate(disclaimer: .some(nil), enabled: false))
        domain = try #require(try store.domain(named: "example.com"))
        #expect(!domain.enabled)
    }

    @Test func updateUnknownDomainOrInvalidCatchAll() throws {
        let store = try DirectoryStore.inMemory()
        #expect(errorMessage { try store.updateDomain("x.example", DomainUpdate(dkimEnabled: true)) } == "unknown domain x.example")
        try store.addDomain("example.com")
        let bad = EmailAddress(localPart: "a b", domain: "example.com")
        #expect(errorMessage { try store.updateDomain("example.com", DomainUpdate(catchAll: bad)) }?.hasPrefix("invalid address \"") == true)
    }

    @Test func relayDomains() throws {
        let store = try DirectoryStore.inMemory()
        let target = try RelayTarget.parse("mx.inside.example:2525", tls: .required)
        try store.addDomain("gateway.example", relayTo: target)
        #expect(try store.relayTarget(forDomain: "GATEWAY.example") == target)
        #expect(try !store.isLocalDomain("gateway.example"))
        #expect(try store.isAcceptedDomain("gateway.example"))
        // Back to local delivery.
        try store.updateDomain("gateway.example", DomainUpdate(relay: .some(nil)))
        #expect(try store.relayTarget(forDomain: "gateway.example") == nil)
        #expect(try store.isLocalDomain("gateway.example"))
        // A disabled relay domain relays nothing.
        try store.updateDomain("gateway.example", DomainUpdate(relay: target, enabled: false))
        #expect(try store.relayTarget(forDomain: "gateway.example") == nil)
        #expect(try !store.isAcceptedDomain("gateway.example"))
    }

    @Test func relayTargetParsing() throws {
        #expect(try RelayTarget.parse("mx.example") == RelayTarget(host: "mx.example", port: 25))
        #expect(try RelayTarget.parse("192.0.2.7:587") == RelayTarget(host: "192.0.2.7", port: 587))
        #expect(try RelayTarget.parse("[2001:db8::1]:2525") == RelayTarget(host: "2001:db8::1", port: 2525))
        #expect(errorMessage { _ = try RelayTarget.parse("mx.example:99999") } == "invalid relay host \"mx.example:99999\": port must be 1-65535")
        #expect(errorMessage { _ = try RelayTarget.parse("bad host") }?.hasPrefix("invalid relay host \"bad host\"") == true)
        #expect(errorMessage { _ = try RelayTarget.parse("mx:port") } == "invalid relay host \"mx:port\": the port must be a number")
    }

    @Test func addressesCannotBeBoundToRelayDomains() throws {
        let store = try makeFixture()
        try store.addDomain("gateway.example", relayTo: RelayTarget(host: "mx.inside.example"))
        #expect(errorMessage { try store.addAddress("x@gateway.example", destinations: [.user("bob")], internalOnly: false) }
            == "domain gateway.example relays to another server: addresses cannot be bound to it")
    }

    @Test func aDomainWithBoundAddressesCannotBecomeARelay() throws {
        let store = try makeFixture()
        try store.addAddress("info@example.com", destinations: [.user("bob")], internalOnly: false)
        #expect(errorMessage { try store.updateDomain("example.com", DomainUpdate(relay: RelayTarget(host: "mx.example"))) }
            == "domain example.com has addresses bound to it (info@example.com); remove them before making it relay")
        #expect(try store.isLocalDomain("example.com"))
    }
}
