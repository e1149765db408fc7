import Testing
@testable import POP3Protocol

@Suite("Session: STLS (RFC 2595)")
struct STLSTests {
    @Test func plaintextPipelinedAfterSTLSIsDiscarded() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        client.send("USER alice")
        // The injection: commands behind STLS in the same plaintext packet.
        #expect(client.raw("STLS\r\nPASS secret\r\nSTAT\r\n") == ["+OK Begin TLS negotiation"])
        #expect(Array(client.actions.suffix(2)) == [.send(.ok("Begin TLS negotiation")), .startTLS])
        #expect(client.session.state == .startingTLS)
        #expect(client.raw("PASS secret\r\n").isEmpty)  // still plaintext: dropped
        #expect(client.credentialsSeen.isEmpty)

        #expect(client.deliver(.tlsEstablished).isEmpty)  // no new greeting
        #expect(client.session.isTLS)
        #expect(client.session.state == .authorization)
        // USER given before TLS is forgotten.
        #expect(client.send("PASS secret") == ["-ERR No user name given; send USER first"])
        #expect(!client.send("CAPA").contains("STLS"))
        #expect(client.send("STLS") == ["-ERR Command not permitted when TLS active"])
        #expect(client.startTLSCount == 1)
        client.send("USER alice")
        #expect(client.send("PASS secret").first?.hasPrefix("+OK Logged in") == true)
    }

    @Test func loginOffersAppearAfterTLS() {
        var client = TestClient()
        client.connect()
        #expect(!client.send("CAPA").contains("USER"))
        client.send("STLS")
        client.deliver(.tlsEstablished)
        let capa = client.send("CAPA")
        #expect(capa.contains("USER"))
        #expect(capa.contains("SASL PLAIN"))
        client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))")
        #expect(client.session.state == .transaction)
    }

    @Test func implicitTLS() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.session.isTLS)
        #expect(!client.send("CAPA").contains("STLS"))
        #expect(client.send("STLS") == ["-ERR Command not permitted when TLS active"])
    }

    @Test func notAvailable() {
        var client = TestClient.make { $0.tlsAvailable = false }
        client.connect()
        #expect(!client.send("CAPA").contains("STLS"))
        #expect(client.send("STLS") == ["-ERR TLS is not available"])
        #expect(client.startTLSCount == 0)
    }

    @Test func notInTransaction() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        client.send("USER alice")
        client.send("PASS secret")
        #expect(client.send("STLS") == ["-ERR Command not valid in this state"])
        #expect(client.startTLSCount == 0)
    }

    @Test func tlsEstablishedWithoutSTLSIsIgnored() {
        var client = TestClient()
        client.connect()
        client.deliver(.tlsEstablished)
        #expect(!client.session.isTLS)
    }

    @Test func timeoutDuringHandshakeCloses() {
        var client = TestClient()
        client.connect()
        client.send("STLS")
        #expect(client.session.timeout?.kind == .authorizationIdle)
        client.deliver(.timedOut)
        #expect(client.closed)
    }
}
