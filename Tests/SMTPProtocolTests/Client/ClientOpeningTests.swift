import Testing
@testable import SMTPProtocol

@Suite("Client: greeting, EHLO/HELO, STARTTLS")
struct ClientOpeningTests {
    @Test func greetingThenEHLOWithTheConfiguredName() {
        var client = ClientDriver()
        client.feed(.connected(tls: false))
        #expect(client.written.isEmpty)
        #expect(client.session.timeout?.duration == .seconds(300))
        client.reply("220-mx.example.net ESMTP", "220 welcome")
        #expect(client.written == ["EHLO out.example.org\r\n"])
        client.reply("250-mx.example.net", "250-PIPELINING", "250 8BITMIME")
        #expect(client.readyCount == 1)
        #expect(client.session.capabilities.pipelining)
        #expect(client.session.usedEHLO)
        #expect(client.session.timeout == nil)  // idle: the agent decides
    }

    @Test func heloWhenEHLOIsNotKnown() {
        var client = ClientDriver()
        client.feed(.connected(tls: false))
        client.reply("220 old.example.net SMTP")
        client.reply("502 5.5.1 command not implemented")
        #expect(client.written.last == "HELO out.example.org\r\n")
        client.reply("250 old.example.net")
        #expect(client.readyCount == 1)
        #expect(!client.session.usedEHLO)
        #expect(client.session.capabilities == SMTPServerCapabilities())
    }

    @Test func heloRefusedToo() {
        var client = ClientDriver()
        client.feed(.connected(tls: false))
        client.reply("220 x")
        client.reply("500 no")
        client.reply("550 5.7.1 go away")
        #expect(client.failures.count == 1)
        #expect(client.failures[0].stage == .hello)
        #expect(client.failures[0].isPermanent)
        #expect(client.written.last == "QUIT\r\n")
        #expect(client.closed)
    }

    @Test(arguments: [(554, true), (421, false), (450, false)])
    func refusedGreeting(code: Int, permanent: Bool) {
        var client = ClientDriver()
        client.feed(.connected(tls: false))
        client.reply("\(code) mx.example.net no service here")
        #expect(client.failures.map(\.stage) == [.greeting])
        #expect(client.failures[0].isPermanent == permanent)
        #expect(client.failures[0].reply?.code == code)
        #expect(client.closed)
        #expect(client.readyCount == 0)
        #expect(client.violations.isEmpty)
    }

    @Test func opportunisticSTARTTLSThenEHLOAgain() {
        var client = ClientDriver.configured { $0.tls = .opportunistic }
        client.open(extensions: ["STARTTLS", "PIPELINING"])
        #expect(client.written.last == "STARTTLS\r\n")
        #expect(client.readyCount == 0)
        // Octets after the 220 arrive in plaintext: an injection attempt, discarded.
        client.reply("220 2.0.0 Ready to start TLS", "250 injected")
        #expect(client.startTLSCount == 1)
        #expect(client.session.timeout?.waitingFor == "TLS handshake")
        client.feed(.tlsEstablished)
        #expect(client.session.isEncrypted)
        #expect(client.written.last == "EHLO out.example.org\r\n")
        #expect(client.session.capabilities == SMTPServerCapabilities())  // forgotten
        client.reply("250-mx.example.net", "250 PIPELINING")
        #expect(client.readyCount == 1)
        #expect(client.written.filter { $0 == "STARTTLS\r\n" }.count == 1)
    }

    @Test func opportunisticWithoutSTARTTLSStaysPlain() {
        var client = ClientDriver.configured { $0.tls = .opportunistic }
        client.open(extensions: ["PIPELINING"])
        #expect(client.readyCount == 1)
        #expect(!client.session.isEncrypted)
    }

    @Test func opportunisticGoesOnWhenSTARTTLSIsRefused() {
        var client = ClientDriver.configured { $0.tls = .opportunistic }
        client.open(extensions: ["STARTTLS"])
        client.reply("454 4.7.0 TLS not available")
        #expect(client.readyCount == 1)
        #expect(client.startTLSCount == 0)
    }

    @Test func requiredTLSFailsWithoutSTARTTLS() {
        var client = ClientDriver.configured { $0.tls = .required }
        client.open(extensions: ["PIPELINING"])
        #expect(client.failures.map(\.stage) == [.startTLS])
        #expect(!client.failures[0].isPermanent)
        #expect(client.failures[0].reason.contains("does not offer STARTTLS"))
        #expect(client.readyCount == 0)
        #expect(client.closed)
    }

    @Test func requiredTLSFailsWhenRefused() {
        var client = ClientDriver.configured { $0.tls = .required }
        client.open(extensions: ["STARTTLS"])
        client.reply("454 4.7.0 TLS not available")
        #expect(client.failures.first?.reply?.code == 454)
        #expect(client.readyCount == 0)
    }

    @Test func handshakeFailure() {
        var client = ClientDriver.configured { $0.tls = .required }
        client.open(extensions: ["STARTTLS"])
        client.reply("220 go")
        client.feed(.tlsFailed("certificate rejected"))
        #expect(client.failures.first?.isTLSHandshakeFailure == true)
        #expect(client.closed)
        #expect(!client.written.contains("QUIT\r\n"))  // the stream is broken
    }

    @Test func implicitTLSDoesNotSTARTTLS() {
        var client = ClientDriver.configured { $0.tls = .implicit }
        client.feed(.connected(tls: true))
        client.reply("220 smtps.example.net")
        client.reply("250-smtps.example.net", "250 STARTTLS")
        #expect(client.session.isEncrypted)
        #expect(client.readyCount == 1)
        #expect(!client.written.contains("STARTTLS\r\n"))
    }

    @Test func noTLSPolicyIgnoresSTARTTLS() {
        var client = ClientDriver()
        client.open(extensions: ["STARTTLS"])
        #expect(client.readyCount == 1)
        #expect(!client.written.contains("STARTTLS\r\n"))
    }

    @Test func quitAfterReady() {
        var client = ClientDriver()
        client.open()
        client.feed(.quit)
        #expect(client.written.last == "QUIT\r\n")
        #expect(!client.closed)
        client.reply("221 2.0.0 Bye")
        #expect(client.closed)
        #expect(client.failures.isEmpty)
        client.feed(.connectionClosed)
        #expect(client.failures.isEmpty)
        #expect(client.violations.isEmpty)
    }

    @Test func timeoutWhileWaitingForTheGreeting() {
        var client = ClientDriver.configured { $0.timeouts = .uniform(.seconds(7)) }
        client.feed(.connected(tls: false))
        #expect(client.session.timeout == SMTPClientTimeout(waitingFor: "initial greeting", duration: .seconds(7)))
        client.feed(.timedOut)
        #expect(client.failures.map(\.stage) == [.greeting])
        #expect(client.failures[0].reason == "timeout while waiting for initial greeting")
        #expect(client.closed)
    }

    @Test func unaskedRepliesAndGarbage() {
        var idle = ClientDriver()
        idle.open()
        idle.reply("421 4.3.2 shutting down")
        #expect(idle.failures.first?.reply?.code == 421)
        #expect(idle.closed)

        var garbage = ClientDriver()
        garbage.feed(.connected(tls: false))
        garbage.reply("HTTP/1.1 400 Bad Request")
        #expect(garbage.failures.first?.reason.hasPrefix("protocol error") == true)
        #expect(garbage.closed)
    }
}

@Suite("Client: AUTH (RFC 4954)")
struct ClientAuthTests {
    static let credentials = SMTPClientCredentials(username: "relayuser", password: "s3cret")

    private func tlsClient(_ mechanisms: String) -> ClientDriver {
        var client = ClientDriver.configured { $0.tls = .implicit; $0.credentials = Self.credentials }
        client.feed(.connected(tls: true))
        client.reply("220 relay.example.net")
        client.reply("250-relay.example.net", "250 AUTH \(mechanisms)")
        return client
    }

    @Test func plainWithInitialResponse() {
        var client = tlsClient("LOGIN PLAIN")
        #expect(client.written.last == "AUTH PLAIN \(base64("\0relayuser\0s3cret"))\r\n")
        client.reply("235 2.7.0 Authentication successful")
        #expect(client.session.isAuthenticated)
        #expect(client.readyCount == 1)
    }

    @Test func loginStepByStep() {
        var client = tlsClient("LOGIN")
        #expect(client.written.last == "AUTH LOGIN\r\n")
        client.reply("334 VXNlcm5hbWU6")
        #expect(client.written.last == base64("relayuser") + "\r\n")
        client.reply("334 UGFzc3dvcmQ6")
        #expect(client.written.last == base64("s3cret") + "\r\n")
        client.reply("235 2.7.0 ok")
        #expect(client.readyCount == 1)
    }

    @Test func rejectedCredentialsFailTheSessionTemporarily() {
        var client = tlsClient("PLAIN")
        client.reply("535 5.7.8 Authentication credentials invalid")
        #expect(client.failures.map(\.stage) == [.authentication])
        #expect(!client.failures[0].isPermanent)
        #expect(client.failures[0].reply?.code == 535)
        #expect(client.readyCount == 0)
    }

    @Test func noUsableMechanism() {
        let client = tlsClient("CRAM-MD5")
        #expect(client.failures.first?.reason == "server offers neither AUTH PLAIN nor AUTH LOGIN")
    }

    @Test func neverSendsThePasswordInClearUnlessAllowed() {
        var client = ClientDriver.configured { $0.tls = .opportunistic; $0.credentials = Self.credentials }
        client.open(extensions: ["AUTH PLAIN"])
        #expect(client.failures.first?.reason == "refusing to send the password without TLS")
        #expect(!client.writtenText().contains(base64("\0relayuser\0s3cret")))

        var allowed = ClientDriver.configured {
            $0.tls = .none; $0.credentials = Self.credentials; $0.allowPlaintextAuthentication = true
        }
        allowed.open(extensions: ["AUTH PLAIN"])
        #expect(allowed.written.last?.hasPrefix("AUTH PLAIN ") == true)
    }

    @Test func authAfterSTARTTLSUsesTheNewCapabilities() {
        var client = ClientDriver.configured { $0.tls = .required; $0.credentials = Self.credentials }
        client.open(extensions: ["STARTTLS"])  // no AUTH before TLS, as servers do
        client.reply("220 go")
        client.feed(.tlsEstablished)
        client.reply("250-relay.example.net", "250 AUTH LOGIN")
        #expect(client.written.last == "AUTH LOGIN\r\n")
    }

    @Test func credentialsNeverInDescriptions() {
        #expect(!"\(Self.credentials)".contains("s3cret"))
        #expect(!String(reflecting: Self.credentials).contains("s3cret"))
    }
}
