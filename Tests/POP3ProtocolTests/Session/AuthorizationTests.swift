import Testing
@testable import POP3Protocol

@Suite("Session: AUTHORIZATION (USER/PASS, AUTH PLAIN)")
struct AuthorizationTests {
    @Test func greeting() {
        var client = TestClient.make { $0.greeting = "pop.example.net ready" }
        #expect(client.session.state == .notConnected)
        #expect(client.connect() == ["+OK pop.example.net ready"])
        #expect(client.session.state == .authorization)
        #expect(client.deliver(.connected(POP3ConnectionInfo(remoteAddress: "x"))).isEmpty)  // only once
    }

    @Test func userPassLogsInAndOpensTheMaildrop() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("USER alice") == ["+OK Send PASS"])
        #expect(client.send("PASS secret") == ["+OK Logged in, 3 messages (\(client.listing.reduce(0) { $0 + $1.octets }) octets)"])
        #expect(client.credentialsSeen == [POP3Credentials(mechanism: "USER", username: "alice", password: "secret")])
        #expect(client.session.state == .transaction)
        #expect(client.session.authenticatedUser == "alice")
        #expect(client.locksHeld == ["alice"])
        #expect(client.actions.contains(.openMaildrop(user: "alice")))
    }

    @Test func passwordWithSpaces() {
        var client = TestClient()
        client.connect(tls: true)
        client.send("USER bob")
        client.send("PASS two words ")
        #expect(client.credentialsSeen.last?.password == "two words ")
        #expect(client.credentialsSeen.last?.description == "USER bob (password hidden)")
    }

    @Test func wrongPasswordThenRightOne() {
        var client = TestClient()
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS wrong") == ["-ERR [AUTH] Authentication failed"])
        #expect(client.session.state == .authorization)
        // The user name does not survive a failed PASS.
        #expect(client.send("PASS secret") == ["-ERR No user name given; send USER first"])
        client.send("USER alice")
        #expect(client.send("PASS secret").first?.hasPrefix("+OK Logged in") == true)
    }

    @Test func tooManyFailedLoginsClose() {
        var client = TestClient.make { $0.maxAuthFailures = 2 }
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS x") == ["-ERR [AUTH] Authentication failed"])
        #expect(!client.closed)
        client.send("USER alice")
        // The second failure answers and closes; the pipelined QUIT is never read.
        #expect(client.raw("PASS y\r\nQUIT\r\n") == ["-ERR [AUTH] Authentication failed"])
        #expect(client.closed)
        #expect(client.session.state == .closed)
        #expect(client.session.timeout == nil)
    }

    @Test func serverRejectionIsSentAsIs() {
        var client = TestClient()
        client.authPolicy = { _ in .reject(.err("Directory unavailable", code: .systemTemporary)) }
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS secret") == ["-ERR [SYS/TEMP] Directory unavailable"])
        client.authPolicy = { _ in .reject(.err("Wait a little", code: .loginDelay)) }
        client.send("USER alice")
        #expect(client.send("PASS secret") == ["-ERR [LOGIN-DELAY] Wait a little"])
        #expect(client.session.state == .authorization)
        #expect(!client.closed)
        #expect(client.locksHeld.isEmpty)
    }

    @Test func plaintextLoginRefusedBeforeTLS() {
        var client = TestClient()
        client.connect()
        let capa = client.send("CAPA")
        #expect(!capa.contains("USER"))
        #expect(!capa.contains("SASL PLAIN"))
        #expect(capa.contains("STLS"))
        let refusal = "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections; use STLS first"
        #expect(client.send("USER alice") == [refusal])
        #expect(client.send("PASS secret") == [refusal])
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}secret"))") == [refusal])
        #expect(client.send("AUTH") == ["+OK Supported mechanisms follow", "."])
        #expect(client.credentialsSeen.isEmpty)
    }

    @Test func plaintextLoginAllowedByConfiguration() {
        var client = TestClient.make { $0.allowUnencrypted = true }
        client.connect()
        let capa = client.send("CAPA")
        #expect(capa.contains("USER"))
        #expect(capa.contains("SASL PLAIN"))
        client.send("USER alice")
        #expect(client.send("PASS secret").first?.hasPrefix("+OK Logged in") == true)
    }

    @Test func authListsMechanisms() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("AUTH") == ["+OK Supported mechanisms follow", "PLAIN", "."])
    }

    @Test func authPlainWithInitialResponse() {
        var client = TestClient()
        client.connect(tls: true)
        let replies = client.send("AUTH PLAIN \(base64("admin\u{0}alice\u{0}secret"))")
        #expect(replies.first?.hasPrefix("+OK Logged in") == true)
        #expect(client.credentialsSeen == [POP3Credentials(
            mechanism: "PLAIN", authorizationIdentity: "admin", username: "alice", password: "secret")])
    }

    @Test func authPlainWithContinuation() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("auth plain") == ["+ "])
        #expect(client.session.state == .authExchange)
        #expect(client.session.timeout?.kind == .authorizationIdle)
        let replies = client.send(base64("\u{0}alice\u{0}secret"))
        #expect(replies.first?.hasPrefix("+OK Logged in") == true)
        #expect(client.credentialsSeen.first?.authorizationIdentity == nil)
    }

    @Test func authExchangeSplitAcrossReads() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.raw("AUTH PLA").isEmpty)
        #expect(client.raw("IN\r\n") == ["+ "])
        let response = base64("\u{0}alice\u{0}secret") + "\r\n"
        for byte in response.utf8.dropLast() { #expect(client.deliver(.received([byte])).isEmpty) }
        #expect(client.raw("\n").first?.hasPrefix("+OK Logged in") == true)
    }

    @Test func authCancelled() {
        var client = TestClient()
        client.connect(tls: true)
        client.send("AUTH PLAIN")
        #expect(client.send("*") == ["-ERR Authentication cancelled"])
        #expect(client.session.state == .authorization)
        #expect(client.credentialsSeen.isEmpty)
    }

    @Test func authBadResponses() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("AUTH PLAIN !!!") == ["-ERR Cannot decode response: invalid base64"])
        // RFC 5034 §4: "=" is an empty initial response, which is no valid PLAIN message.
        #expect(client.send("AUTH PLAIN =") == ["-ERR Cannot decode response: malformed PLAIN message"])
        #expect(client.send("AUTH PLAIN \(base64("alice-no-nuls"))") == ["-ERR Cannot decode response: malformed PLAIN message"])
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}"))") == ["-ERR Cannot decode response: malformed PLAIN message"])
        client.send("AUTH PLAIN")
        #expect(client.send("") == ["-ERR Cannot decode response: malformed PLAIN message"])
        // base64 of NUL "alice" NUL 0xFF.
        #expect(client.send("AUTH PLAIN AGFsaWNlAP8=") == ["-ERR Cannot decode response: not UTF-8"])
        #expect(client.send("AUTH CRAM-MD5") == ["-ERR Unsupported authentication mechanism"])
        #expect(client.credentialsSeen.isEmpty)
    }

    @Test func authFailure() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("AUTH PLAIN \(base64("\u{0}alice\u{0}nope"))") == ["-ERR [AUTH] Authentication failed"])
        #expect(client.session.state == .authorization)
    }

    @Test func transactionCommandsRefusedBeforeLogin() {
        var client = TestClient()
        client.connect(tls: true)
        for command in ["STAT", "LIST", "UIDL 1", "RETR 1", "TOP 1 1", "DELE 1", "NOOP", "RSET"] {
            #expect(client.send(command) == ["-ERR Command not valid in this state"], "\(command)")
        }
        #expect(client.retrievals.isEmpty)
    }

    @Test func quitInAuthorization() {
        var client = TestClient()
        client.connect()
        #expect(client.send("QUIT") == ["+OK Logging out"])
        #expect(client.closed)
        #expect(client.commits.isEmpty)
        #expect(client.releases.isEmpty)
    }

    @Test func loginCommandsRefusedAfterLogin() {
        var client = TestClient()
        client.login()
        #expect(client.send("USER bob") == ["-ERR Command not valid in this state"])
        #expect(client.send("PASS x") == ["-ERR Command not valid in this state"])
        #expect(client.send("AUTH PLAIN") == ["-ERR Command not valid in this state"])
        #expect(client.session.authenticatedUser == "alice")
    }

    @Test func answersToQuestionsNotAskedAreIgnored() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.deliver(.authenticationChecked(.success(user: "mallory"))).isEmpty)
        #expect(client.deliver(.maildropOpened(.opened([]))).isEmpty)
        #expect(client.deliver(.messageData(bytes("x"))).isEmpty)
        #expect(client.deliver(.messageEnd).isEmpty)
        #expect(client.deliver(.deletionsCommitted(.committed)).isEmpty)
        #expect(client.session.state == .authorization)
        #expect(client.session.authenticatedUser == nil)
    }
}
