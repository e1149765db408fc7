import Testing
@testable import ManageSieveProtocol

@Suite("Session: STARTTLS (RFC 5804 §2.2)")
struct StartTLSTests {
    @Test func pipelinedPlaintextIsDiscardedAndCapabilitiesAreResent() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        let plain = base64("\u{0}alice\u{0}secret")
        // The injection: a login and a command behind STARTTLS in one plaintext packet.
        let replies = client.raw("STARTTLS\r\nAUTHENTICATE \"PLAIN\" \"\(plain)\"\r\nLISTSCRIPTS\r\n")
        #expect(replies == ["OK \"Begin TLS negotiation now\""])
        #expect(Array(client.actions.suffix(2)) == [.send(.response(.ok("Begin TLS negotiation now"))), .startTLS])
        #expect(client.session.state == .startingTLS)
        #expect(client.raw("LISTSCRIPTS\r\n").isEmpty)
        #expect(client.credentialsSeen.isEmpty)

        let after = client.deliver(.tlsEstablished)
        #expect(after == [
            "\"IMPLEMENTATION\" \"Postino\"",
            "\"SASL\" \"PLAIN\"",
            "\"SIEVE\" \"fileinto vacation\"",
            "\"MAXREDIRECTS\" \"5\"",
            "\"UNAUTHENTICATE\"",
            "\"VERSION\" \"1.0\"",
            "OK \"TLS negotiation successful\"",
        ])
        #expect(client.session.isTLS)
        #expect(client.session.authenticatedUser == nil)
        #expect(client.send("STARTTLS") == ["NO \"TLS is already active\""])
        #expect(client.startTLSCount == 1)
    }

    @Test func literalHalfReadBeforeSTARTTLSIsDropped() {
        var client = TestClient()
        client.connect()
        // A literal announced in the plaintext must not swallow the first TLS octets.
        client.raw("STARTTLS\r\nNOOP {100+}\r\nabc")
        client.deliver(.tlsEstablished)
        #expect(client.send("NOOP") == ["OK \"NOOP completed\""])
    }

    @Test func notAfterLogin() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        client.send("AUTHENTICATE \"PLAIN\" \"\(base64("\u{0}alice\u{0}secret"))\"")
        #expect(client.send("STARTTLS") == ["NO \"STARTTLS is only valid before authentication\""])
        #expect(client.startTLSCount == 0)
    }

    @Test func notAvailable() {
        var client = TestClient.make { $0.tlsAvailable = false }
        client.connect()
        #expect(client.send("STARTTLS") == ["NO \"TLS is not available\""])
    }

    @Test func loginAfterTLS() {
        var client = TestClient()
        client.connect()
        client.send("STARTTLS")
        client.deliver(.tlsEstablished)
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(base64("\u{0}alice\u{0}secret"))\"") == ["OK \"Logged in\""])
    }

    @Test func tlsEstablishedWithoutSTARTTLSIsIgnored() {
        var client = TestClient()
        client.connect()
        #expect(client.deliver(.tlsEstablished).isEmpty)
        #expect(!client.session.isTLS)
    }
}
