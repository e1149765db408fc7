import Testing
@testable import POP3Protocol

@Suite("Session: limits and timeouts")
struct LimitTests {
    @Test func commandLinesAreLimitedTo255Octets() {
        var client = TestClient()
        client.login()
        // 255 octets with CRLF is accepted (RFC 2449 §4), 256 is not.
        let fits = "LIST " + String(repeating: "0", count: 247) + "1"
        #expect(fits.utf8.count + 2 == 255)
        #expect(client.send(fits) == ["+OK 1 28"])
        let tooLong = "LIST " + String(repeating: "0", count: 248) + "1"
        #expect(client.send(tooLong) == ["-ERR Line too long"])
        #expect(client.send("STAT") == ["+OK 3 92"])  // the framing recovered
    }

    @Test func longLineArrivingInPiecesIsNotBuffered() {
        var client = TestClient()
        client.login()
        for _ in 0..<1000 {
            #expect(client.raw(String(repeating: "x", count: 100)).isEmpty)
            #expect(client.session.input.unreadCount <= 255)
        }
        #expect(client.raw("\r\nNOOP\r\n") == ["-ERR Line too long", "+OK"])
    }

    @Test func credentialLinesMayBeLonger() {
        var client = TestClient()
        let password = String(repeating: "p", count: 600)
        client.authPolicy = { $0.password == password ? .success(user: "alice") : .invalidCredentials }
        client.connect(tls: true)
        client.send("USER alice")
        #expect(client.send("PASS \(password)").first?.hasPrefix("+OK Logged in") == true)
    }

    @Test func authLinesHaveTheirOwnLimit() {
        var client = TestClient.make { $0.maxAuthLineLength = 300 }
        client.connect(tls: true)
        client.send("AUTH PLAIN")
        #expect(client.send(String(repeating: "A", count: 400)) == ["-ERR Authentication response line too long"])
        #expect(client.session.state == .authorization)
        #expect(client.send("PASS " + String(repeating: "p", count: 400)) == ["-ERR Line too long"])
    }

    @Test func badCommandsDisconnect() {
        var client = TestClient.make { $0.maxErrors = 3 }
        client.connect()
        #expect(client.send("HELO") == ["-ERR Unknown command"])
        #expect(client.send("RETR x") == ["-ERR Syntax error: invalid message number"])
        #expect(client.send("") == ["-ERR Unknown command", "-ERR Too many bad commands, closing connection"])
        #expect(client.closed)
        #expect(client.raw("CAPA\r\n").isEmpty)
    }

    @Test func noSuchMessageIsNotABadCommand() {
        var client = TestClient.make { $0.maxErrors = 2 }
        client.login()
        for _ in 0..<5 { #expect(client.send("RETR 9") == ["-ERR No such message"]) }
        #expect(!client.closed)
    }

    @Test func transactionTimeoutIsAtLeastTenMinutes() {
        // RFC 1939 §3.
        let timeouts = POP3Timeouts(authorization: .seconds(30), transaction: .seconds(60), serverDecision: .seconds(5))
        #expect(timeouts.transaction == .seconds(600))
        #expect(POP3Timeouts(transaction: .seconds(1800)).transaction == .seconds(1800))
        var client = TestClient.make { $0.timeouts = timeouts }
        #expect(client.session.timeout == nil)
        client.connect(tls: true)
        #expect(client.session.timeout == POP3Timeout(kind: .authorizationIdle, duration: .seconds(30)))
        client.authPolicy = { _ in nil }
        client.send("USER alice")
        client.send("PASS secret")
        #expect(client.session.timeout == POP3Timeout(kind: .serverDecision, duration: .seconds(5)))
        client.answer(.authenticationChecked(.success(user: "alice")))
        #expect(client.session.timeout == POP3Timeout(kind: .transactionIdle, duration: .seconds(600)))
    }
}
