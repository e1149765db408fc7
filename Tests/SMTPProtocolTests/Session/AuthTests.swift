import Testing
@testable import SMTPProtocol

@Suite("Session: AUTH (RFC 4954) and submission")
struct AuthTests {
    static let tlsInfo = StartTLSTests.tlsInfo

    /// A submission client already under TLS, after EHLO.
    static func submission(_ adjust: (inout SMTPSessionConfiguration) -> Void = { _ in }) -> TestClient {
        var configuration = SMTPSessionConfiguration(role: .submission, hostname: "smtp.example.net")
        adjust(&configuration)
        var client = TestClient(configuration)
        client.connect()
        client.ehlo()
        client.send("STARTTLS")
        client.deliver(.tlsEstablished(tlsInfo))
        client.ehlo()
        return client
    }

    @Test func submissionWithoutTLSOffersNoAuthAndRefusesMail() {
        var client = TestClient(SMTPSessionConfiguration(role: .submission, hostname: "smtp.example.net"))
        client.connect()
        let ehlo = client.ehlo()
        #expect(ehlo.contains("250-STARTTLS"))
        #expect(!ehlo.contains { $0.contains("AUTH") })
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") ==
                ["538 5.7.11 Encryption required for requested authentication mechanism"])
        #expect(client.credentialsSeen.isEmpty)
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["530 5.7.0 Must issue a STARTTLS command first"])
    }

    @Test func submissionUnderTLSRequiresAuthBeforeMail() {
        var client = Self.submission()
        #expect(client.transcript.contains("250-AUTH PLAIN LOGIN"))
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["530 5.7.0 Authentication required"])
        #expect(client.sendersAsked.isEmpty)
    }

    @Test func plainWithInitialResponse() {
        var client = Self.submission()
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == ["235 2.7.0 Authentication successful"])
        #expect(client.session.authenticatedUser == "alice")
        #expect(client.credentialsSeen == [SMTPCredentials(mechanism: "PLAIN", username: "alice", password: "secret")])
        #expect(client.send("MAIL FROM:<alice@example.org> AUTH=alice+40example.org") == ["250 2.1.0 Ok"])
        client.send("RCPT TO:<friend@elsewhere.example>")
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        let envelope = client.committed.first?.envelope
        #expect(envelope?.authenticatedUser == "alice")
        #expect(envelope?.submitter == .identity("alice@example.org"))
        #expect(envelope?.receivedProtocol == "ESMTPSA")
    }

    @Test func plainWithChallengeAndAuthorizationIdentity() {
        var client = Self.submission()
        client.authPolicy = { $0.password == "secret" ? .success(user: "Alice@Example.org") : .invalidCredentials }
        #expect(client.send("AUTH PLAIN") == ["334 "])
        #expect(client.session.state == .authExchange)
        #expect(client.send(base64("shared\u{0}alice\u{0}secret")) == ["235 2.7.0 Authentication successful"])
        #expect(client.credentialsSeen.first?.authorizationIdentity == "shared")
        #expect(client.session.authenticatedUser == "Alice@Example.org")  // as the server says
    }

    @Test func login() {
        var client = Self.submission()
        #expect(client.send("AUTH LOGIN") == ["334 VXNlcm5hbWU6"])
        #expect(client.send(base64("alice")) == ["334 UGFzc3dvcmQ6"])
        #expect(client.send(base64("secret")) == ["235 2.7.0 Authentication successful"])
        #expect(client.credentialsSeen == [SMTPCredentials(mechanism: "LOGIN", username: "alice", password: "secret")])
    }

    @Test func loginWithInitialUsername() {
        var client = Self.submission()
        #expect(client.send("AUTH LOGIN \(base64("alice"))") == ["334 UGFzc3dvcmQ6"])
        #expect(client.send(base64("secret")) == ["235 2.7.0 Authentication successful"])
    }

    @Test func cancel() {
        var client = Self.submission()
        client.send("AUTH LOGIN")
        client.send(base64("alice"))
        #expect(client.send("*") == ["501 5.0.0 Authentication cancelled"])
        #expect(client.session.state == .ready)
        #expect(client.credentialsSeen.isEmpty)
        #expect(client.send("AUTH PLAIN") == ["334 "])
        #expect(client.send("*") == ["501 5.0.0 Authentication cancelled"])
    }

    @Test func undecodableResponses() {
        var client = Self.submission()
        #expect(client.send("AUTH PLAIN not*base64").first?.hasPrefix("501 5.5.2 ") == true)
        #expect(client.send("AUTH PLAIN \(base64("no-nul-separators"))").first?.hasPrefix("501 5.5.2 ") == true)
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}"))").first?.hasPrefix("501 5.5.2 ") == true)
        #expect(client.send("AUTH PLAIN =").first?.hasPrefix("501 5.5.2 ") == true)
        client.send("AUTH LOGIN")
        #expect(client.send("YWxp=ZQ==").first?.hasPrefix("501 5.5.2 ") == true)
        #expect(client.credentialsSeen.isEmpty)
        #expect(client.session.state == .ready)
    }

    @Test func failuresThenDisconnect() {
        var client = Self.submission()
        let wrong = "AUTH PLAIN \(base64("\u{0}alice\u{0}wrong"))"
        #expect(client.send(wrong) == ["535 5.7.8 Authentication credentials invalid"])
        #expect(client.send(wrong) == ["535 5.7.8 Authentication credentials invalid"])
        #expect(!client.closed)
        #expect(client.send(wrong) == [
            "535 5.7.8 Authentication credentials invalid",
            "421 4.7.0 smtp.example.net Error: too many failed authentication attempts",
        ])
        #expect(client.closed)
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))").isEmpty)
    }

    @Test func serverRefusalEndsWith421() {
        var client = Self.submission()
        client.authPolicy = { _ in .reject(SMTPReply(421, "4.7.0", "smtp.example.net Too many failed logins from your address")) }
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") ==
                ["421 4.7.0 smtp.example.net Too many failed logins from your address"])
        #expect(client.closed)
    }

    @Test func temporaryFailure() {
        var client = Self.submission()
        client.authPolicy = { _ in .reject(SMTPReply(454, "4.7.0", "Temporary authentication failure")) }
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == ["454 4.7.0 Temporary authentication failure"])
        #expect(!client.closed)
    }

    @Test func sequenceRules() {
        var client = Self.submission()
        #expect(client.send("AUTH CRAM-MD5") == ["504 5.5.4 Unrecognized authentication type"])
        client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))")
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == ["503 5.5.1 Error: already authenticated"])
        client.send("MAIL FROM:<alice@example.org>")
        #expect(client.transcript.last == "250 2.1.0 Ok")

        var noHelo = TestClient(SMTPSessionConfiguration(role: .implicitTLSSubmission, hostname: "smtp.example.net"))
        noHelo.connect(tls: Self.tlsInfo)
        #expect(noHelo.send("AUTH PLAIN") == ["503 5.5.1 Error: send HELO/EHLO first"])
    }

    @Test func authNotAllowedInsideATransaction() {
        var client = TestClient.mx {
            $0.allowAuthOnMX = true
            $0.allowUnencrypted = true
        }
        client.connect()
        client.startTransaction()
        #expect(client.send("AUTH PLAIN") == ["503 5.5.1 Error: MAIL transaction in progress"])
    }

    @Test func mxDoesNotOfferAuthUnlessEnabled() {
        var client = TestClient.mx()
        client.connect()
        client.send("STARTTLS")
        client.deliver(.tlsEstablished(Self.tlsInfo))
        #expect(!client.ehlo().contains { $0.contains("AUTH") })
        #expect(client.send("AUTH PLAIN") == ["502 5.5.1 Error: authentication not enabled"])

        var enabled = TestClient.mx { $0.allowAuthOnMX = true }
        enabled.connect()
        #expect(!enabled.ehlo().contains { $0.contains("AUTH") })  // not before TLS
        enabled.send("STARTTLS")
        enabled.deliver(.tlsEstablished(Self.tlsInfo))
        #expect(enabled.ehlo().contains("250-AUTH PLAIN LOGIN"))
        // Port 25 never requires AUTH.
        #expect(enabled.send("MAIL FROM:<a@example.org>") == ["250 2.1.0 Ok"])
    }

    @Test func allowUnencryptedOffersAuthWithoutTLS() {
        var client = TestClient(SMTPSessionConfiguration(role: .submission, hostname: "smtp.example.net",
                                                         tlsAvailable: false, allowUnencrypted: true))
        client.connect()
        let ehlo = client.ehlo()
        #expect(ehlo.contains("250-AUTH PLAIN LOGIN"))
        #expect(!ehlo.contains("250-STARTTLS"))
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["530 5.7.0 Authentication required"])
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == ["235 2.7.0 Authentication successful"])
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["250 2.1.0 Ok"])
    }

    @Test func implicitTLSSubmission() {
        var client = TestClient(SMTPSessionConfiguration(role: .implicitTLSSubmission, hostname: "smtp.example.net"))
        client.connect(tls: Self.tlsInfo)
        let ehlo = client.ehlo()
        #expect(!ehlo.contains("250-STARTTLS"))
        #expect(ehlo.contains("250-AUTH PLAIN LOGIN"))
        #expect(client.send("STARTTLS") == ["503 5.5.1 Error: TLS already active"])
        #expect(client.send("MAIL FROM:<alice@example.org>") == ["530 5.7.0 Authentication required"])
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == ["235 2.7.0 Authentication successful"])
    }

    @Test func submitterFromUnauthenticatedClientIsNotKept() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org> AUTH=someone+40example.org")
        client.send("RCPT TO:<b@example.net>")
        client.send("DATA")
        client.raw(".\r\n")
        #expect(client.committed.first?.envelope.submitter == nil)
    }

    @Test func overlongAuthLines() {
        var client = Self.submission { $0.maxAuthLineLength = 100 }
        client.send("AUTH PLAIN")
        #expect(client.send(String(repeating: "A", count: 200)) ==
                ["500 5.5.6 Error: authentication exchange line is too long"])
        #expect(client.session.state == .ready)
        // An AUTH command line may exceed the ordinary command limit up to the AUTH limit.
        var long = Self.submission { $0.maxCommandLineLength = 64 }
        let response = base64("\u{0}alice\u{0}secret" + String(repeating: "x", count: 60))
        #expect(long.send("AUTH PLAIN \(response)") == ["535 5.7.8 Authentication credentials invalid"])
    }

    @Test func passwordNeverInDescriptions() {
        let credentials = SMTPCredentials(mechanism: "PLAIN", username: "alice", password: "hunter2")
        #expect(!String(describing: credentials).contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        #expect(!String(describing: SMTPSessionAction.authenticate(credentials)).contains("hunter2"))
    }
}
