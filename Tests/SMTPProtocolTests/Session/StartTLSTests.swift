import Testing
@testable import SMTPProtocol

@Suite("Session: STARTTLS (RFC 3207)")
struct StartTLSTests {
    static let tlsInfo = SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384")

    @Test func plaintextPipelinedAfterStartTLSIsDiscardedAndStateReset() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        // The injection attack: commands behind STARTTLS in the same plaintext packet.
        let replies = client.raw("STARTTLS\r\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<x@example.net>\r\n")
        #expect(replies == ["220 2.0.0 Ready to start TLS"])
        #expect(client.startTLSCount == 1)
        // `.startTLS` comes right after the 220.
        let tail = client.actions.suffix(2)
        #expect(Array(tail) == [.send(SMTPReply(220, "2.0.0", "Ready to start TLS")), .startTLS])
        #expect(client.session.state == .startingTLS)
        #expect(client.raw("NOOP\r\n").isEmpty)  // still plaintext: dropped

        #expect(client.deliver(.tlsEstablished(Self.tlsInfo)).isEmpty)  // no new greeting
        #expect(client.session.tls == Self.tlsInfo)
        #expect(client.session.state == .greeting)  // HELO forgotten
        #expect(client.sendersAsked.isEmpty)
        #expect(client.send("MAIL FROM:<a@example.org>") == ["503 5.5.1 Error: send HELO/EHLO first"])

        let ehlo = client.ehlo()
        #expect(!ehlo.contains("250-STARTTLS"))
        #expect(client.send("STARTTLS") == ["503 5.5.1 Error: TLS already active"])
        #expect(client.startTLSCount == 1)

        client.send("MAIL FROM:<a@example.org>")
        client.send("RCPT TO:<b@example.net>")
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        #expect(client.committed.first?.envelope.tls == Self.tlsInfo)
        #expect(client.committed.first?.envelope.receivedProtocol == "ESMTPS")
        #expect(client.violations.isEmpty)
    }

    @Test func startTLSBeforeEHLOIsAccepted() {
        var client = TestClient.mx()
        client.connect()
        #expect(client.send("STARTTLS") == ["220 2.0.0 Ready to start TLS"])
    }

    @Test func notAvailable() {
        var client = TestClient.mx { $0.tlsAvailable = false }
        client.connect()
        #expect(!client.ehlo().contains("250-STARTTLS"))
        #expect(client.send("STARTTLS") == ["502 5.5.1 Error: command not implemented"])
    }

    @Test func refusedInsideATransaction() {
        var client = TestClient.mx()
        client.connect()
        client.startTransaction()
        #expect(client.send("STARTTLS") == ["503 5.5.1 Error: MAIL transaction in progress"])
        #expect(client.startTLSCount == 0)
    }

    @Test func authenticationIsForgottenAfterTLS() {
        var client = TestClient.mx {
            $0.role = .submission
            $0.allowUnencrypted = true
        }
        client.connect()
        client.ehlo()
        client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))")
        #expect(client.session.authenticatedUser == "alice")
        client.send("STARTTLS")
        client.deliver(.tlsEstablished(Self.tlsInfo))
        #expect(client.session.authenticatedUser == nil)
        client.ehlo()
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["530 5.7.0 Authentication required"])
    }

    @Test func tlsEstablishedWithoutStartTLSIsIgnored() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        client.deliver(.tlsEstablished(Self.tlsInfo))
        #expect(client.session.tls == nil)
        #expect(client.session.state == .ready)
    }
}
