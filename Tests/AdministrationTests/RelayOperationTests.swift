import Queue
import Testing
@testable import Administration

@Suite("Relay operations")
struct RelayOperationTests {
    @Test func rulesAndSmarthost() throws {
        let admin = try makeAdministration()
        let rule = try admin.addRelayRule(sender: "Alice@Example.COM", RelayHost(host: "Relay.Example", user: "u", password: "p"))
        #expect(rule == RelayRuleRow(sender: "alice@example.com", host: "relay.example", port: 587, tls: "starttls", user: "u"))
        try admin.addRelayRule(sender: "example.org", RelayHost(host: "2001:db8::1", port: 26, tls: .none))
        #expect(try admin.smarthost() == nil)
        #expect(try !admin.removeSmarthost())
        let smarthost = try admin.setSmarthost(RelayHost(host: "smart.example", tls: .implicit))
        #expect(smarthost.isSmarthost && smarthost.port == 465 && smarthost.endpoint == "smart.example:465")
        #expect(try admin.relayRules().map(\.sender) == ["*", "alice@example.com", "example.org"])
        #expect(try admin.relayRules().last?.endpoint == "[2001:db8::1]:26")
        #expect(try admin.removeRelayRule(sender: "EXAMPLE.org") == "example.org")
        #expect(try admin.removeSmarthost())
        #expect(try admin.relayRules().map(\.sender) == ["alice@example.com"])
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        #expect(adminError { try admin.addRelayRule(sender: "*", RelayHost(host: "h.example")) }?.kind == .invalidInput)
        #expect(adminError { try admin.addRelayRule(sender: "not a domain", RelayHost(host: "h.example")) }?.kind == .invalidInput)
        #expect(adminError { try admin.addRelayRule(sender: "example.com", RelayHost(host: "h.example", port: 0)) }?.kind == .invalidInput)
        #expect(adminError { try admin.addRelayRule(sender: "example.com", RelayHost(host: "bad host!")) }?.kind == .invalidInput)
        #expect(adminError { try admin.addRelayRule(sender: "example.com", RelayHost(host: "h.example", user: "u")) }?.kind == .invalidInput)
        #expect(adminError { try admin.removeRelayRule(sender: "example.com") } == .notFound("no relay host rule for example.com"))
    }
}
