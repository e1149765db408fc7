import Testing
@testable import ManageSieveProtocol

@Suite("Session: greeting and capabilities (RFC 5804 §1.7)")
struct CapabilityTests {
    @Test func greetingIsTheCapabilityListThenOK() {
        var client = TestClient()
        #expect(client.connect() == [
            "\"IMPLEMENTATION\" \"Postino\"",
            "\"SASL\" \"\"",
            "\"SIEVE\" \"fileinto vacation\"",
            "\"STARTTLS\"",
            "\"MAXREDIRECTS\" \"5\"",
            "\"UNAUTHENTICATE\"",
            "\"VERSION\" \"1.0\"",
            "OK \"Postino ManageSieve ready\"",
        ])
        #expect(client.session.state == .nonAuthenticated)
        #expect(client.deliver(.connected(ManageSieveConnectionInfo(remoteAddress: "x"))).isEmpty)
    }

    @Test func capabilityCommandMatchesTheGreeting() {
        var client = TestClient()
        let greeting = client.connect()
        let capability = client.send("CAPABILITY")
        #expect(capability.dropLast() == greeting.dropLast())
        #expect(capability.last == "OK \"Capability completed\"")
    }

    @Test func underTLSPlainIsOfferedAndSTARTTLSIsNot() {
        var client = TestClient()
        let lines = client.connect(tls: true)
        #expect(lines.contains("\"SASL\" \"PLAIN\""))
        #expect(!lines.contains("\"STARTTLS\""))
    }

    @Test func plainWithoutTLSWhenAllowed() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        let lines = client.connect()
        #expect(lines.contains("\"SASL\" \"PLAIN\""))
        #expect(lines.contains("\"STARTTLS\""))
    }

    @Test func ownerAfterLoginAndNoSTARTTLS() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        client.send("AUTHENTICATE \"PLAIN\" \"\(base64("\u{0}alice\u{0}secret"))\"")
        let lines = client.send("CAPABILITY")
        #expect(lines.contains("\"OWNER\" \"alice\""))
        #expect(!lines.contains("\"STARTTLS\""))
        client.send("UNAUTHENTICATE")
        let after = client.send("CAPABILITY")
        #expect(!after.contains("\"OWNER\" \"alice\""))
        #expect(after.contains("\"STARTTLS\""))
    }

    @Test func configurableExtensionsAndNotify() {
        var client = TestClient.make {
            $0.implementation = "Postino 0.1"
            $0.sieveExtensions = ["fileinto", "reject", "enotify"]
            $0.notifyMethods = ["mailto"]
            $0.maxRedirects = nil
            $0.tlsAvailable = false
        }
        let lines = client.connect()
        #expect(lines.contains("\"IMPLEMENTATION\" \"Postino 0.1\""))
        #expect(lines.contains("\"SIEVE\" \"fileinto reject enotify\""))
        #expect(lines.contains("\"NOTIFY\" \"mailto\""))
        #expect(!lines.contains { $0.hasPrefix("\"MAXREDIRECTS\"") })
        #expect(!lines.contains("\"STARTTLS\""))
    }

    @Test func noopWithAndWithoutTag() {
        var client = TestClient()
        client.connect()
        #expect(client.send("NOOP") == ["OK \"NOOP completed\""])
        #expect(client.send("NOOP \"STARTTLS-SYNC-42\"") == ["OK (TAG \"STARTTLS-SYNC-42\") \"Done\""])
        #expect(client.send("NOOP {3+}\r\na\r\n") == ["OK (TAG {3}", "a", ") \"Done\""])
    }

    @Test func logoutClosesAndIgnoresLaterCommands() {
        var client = TestClient()
        client.connect()
        #expect(client.raw("LOGOUT\r\nNOOP\r\n") == ["OK \"Logout completed\""])
        #expect(client.closed)
        #expect(client.session.state == .closed)
        #expect(client.raw("NOOP\r\n").isEmpty)
        #expect(client.violations.isEmpty)
    }
}
