import Directory
import Queue
import RelayStore
import SMTPProtocol
import Testing

@Suite("Relay host rules")
struct RelayRuleTests {
    let rules = RelayRuleSet(rules: [
        RelayRule(sender: "*", host: "smarthost.example.net", tls: .starttls),
        RelayRule(sender: "example.com", host: "relay.example.com", port: 2525, username: "u", password: "p", tls: .implicit),
        RelayRule(sender: "ceo@example.com", host: "vip.example.com", tls: .none),
    ])

    @Test func exactAddressThenDomainThenSmarthost() {
        #expect(rules.rule(forSender: "CEO@Example.com")?.host == "vip.example.com")
        #expect(rules.rule(forSender: "alice@example.com")?.host == "relay.example.com")
        #expect(rules.rule(forSender: "bob@other.org")?.host == "smarthost.example.net")
        #expect(rules.rule(forSender: "")?.host == "smarthost.example.net")  // bounces too
        #expect(RelayRuleSet(rules: Array(rules.rules.dropFirst())).rule(forSender: "bob@other.org") == nil)
        #expect(RelayRuleSet(rules: Array(rules.rules.dropFirst())).rule(forSender: "") == nil)
    }

    @Test func endpointsCarryTLSAndCredentials() {
        let endpoint = rules.rules[1].endpoint
        #expect(endpoint.tls == .implicit)
        #expect(endpoint.credentials == SMTPClientCredentials(username: "u", password: "p"))
        #expect(!endpoint.allowPlaintextAuthentication)
        #expect(rules.rules[0].endpoint.tls == .required)  // starttls means it must succeed
        #expect(rules.rules[2].endpoint.allowPlaintextAuthentication)
        #expect(RelayRule(sender: "x.org", host: "h", tls: .starttls).port == 587)
        #expect(RelayRule(sender: "x.org", host: "h", tls: .implicit).port == 465)
        #expect(RelayRule(sender: "x.org", host: "h", tls: .none).port == 25)
    }

    @Test func validation() throws {
        let rule = try RelayRule.validated(sender: " Sales@Example.COM ", host: "Relay.Example.net", port: nil,
                                           username: "me", password: "pw", tls: .starttls)
        #expect(rule.sender == "sales@example.com")
        #expect(rule.host == "relay.example.net")
        #expect(rule.port == 587)
        #expect(try RelayRule.senderKey("Example.COM.") == "example.com")
        #expect(try RelayRule.validated(sender: "example.com", host: "::1", port: 25, username: nil, password: nil, tls: .none).host == "::1")
        #expect(throws: RelayRuleError.self) { try RelayRule.validated(sender: "not an address@", host: "h.example", port: nil, username: nil, password: nil, tls: .none) }
        #expect(throws: RelayRuleError.self) { try RelayRule.validated(sender: "example.com", host: "bad host!", port: nil, username: nil, password: nil, tls: .none) }
        #expect(throws: RelayRuleError.self) { try RelayRule.validated(sender: "example.com", host: "h.example", port: 70000, username: nil, password: nil, tls: .none) }
        #expect(throws: RelayRuleError.self) { try RelayRule.validated(sender: "example.com", host: "h.example", port: nil, username: "u", password: nil, tls: .none) }
        #expect(throws: RelayRuleError.self) { try RelayRule.validated(sender: "example.com", host: "h.example", port: nil, username: "u", password: "a\nb", tls: .none) }
    }

    @Test func storeRoundTrip() throws {
        let directory = try DirectoryStore.inMemory()
        let store = try SQLiteRelayRuleStore(database: directory.database)
        try store.save(RelayRule(sender: "example.com", host: "a.example", tls: .none))
        try store.save(RelayRule(sender: "*", host: "smart.example", port: 2525, username: "u", password: "secret", tls: .implicit))
        try store.save(RelayRule(sender: "example.com", host: "b.example", tls: .starttls))  // replaces
        let all = try store.rules()
        #expect(all.rules.map(\.sender) == ["*", "example.com"])
        #expect(all.rules[1].host == "b.example")
        #expect(all.smarthost?.password == "secret")
        try store.remove("example.com")
        #expect(throws: RelayRuleError.notFound("example.com")) { try store.remove("example.com") }
        #expect(try store.rules().rules.count == 1)
    }

    @Test func destinations() {
        let remote = Destination.of(.remote(address: "x@Elsewhere.NET"), sender: "a@other.org", rules: RelayRuleSet(rules: []))
        #expect(remote == .domain("elsewhere.net"))
        let ruled = Destination.of(.remote(address: "x@elsewhere.net"), sender: "a@example.com", rules: rules)
        #expect(ruled == .relay(rules.rules[1].endpoint))
        // A relay domain's own host wins over sender rules.
        let relayDomain = Destination.of(.relay(address: "x@gw.example", host: "10.0.0.5", port: 25, tls: "required"),
                                         sender: "a@example.com", rules: rules)
        #expect(relayDomain == .relay(RelayEndpoint(host: "10.0.0.5", port: 25, tls: .required)))
        #expect(Destination.of(.mailbox(user: "a", subaddress: nil), sender: "", rules: rules) == nil)
        #expect(Destination.of(.remote(address: "x@[192.0.2.4]"), sender: "", rules: RelayRuleSet(rules: [])) == .literal("192.0.2.4"))
        #expect(Destination.of(.remote(address: "x@b\u{FC}cher.example"), sender: "", rules: RelayRuleSet(rules: [])) == .domain("xn--bcher-kva.example"))
    }
}
