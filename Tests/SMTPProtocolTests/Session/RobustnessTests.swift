import Testing
@testable import SMTPProtocol

@Suite("Session: robustness")
struct RobustnessTests {
    /// Deterministic pseudo-random input made of SMTP fragments and junk: the session must
    /// never trap, every reply must be well formed, and the glue contract must hold.
    @Test(arguments: 1...20)
    func randomInputKeepsTheContract(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let fragments = [
            "EHLO x\r\n", "MAIL FROM:<a@example.org>\r\n", "RCPT TO:<b@example.net>\r\n", "DATA\r\n",
            "BDAT 3\r\n", "BDAT 2 LAST\r\n", ".\r\n", "\r\n.\r\n", "RSET\r\n", "NOOP\r\n", "STARTTLS\r\n",
            "AUTH PLAIN\r\n", "AUTH LOGIN\r\n", "*\r\n", "\n", "\r", ".", "..", "x", "\u{0}", "é",
            "MAIL FROM:<a@example.org> SIZE=5 SMTPUTF8\r\n", "RCPT TO:<@r:ü@x.example>\r\n", "HELO\r\n",
        ]
        var client = TestClient.mx {
            $0.maxMessageSize = 40
            $0.maxErrors = 1000
            $0.allowAuthOnMX = true
            $0.allowUnencrypted = true
        }
        client.recipientPolicy = { _ in next() % 3 == 0 ? .reject(SMTPReply(550, "5.1.1", "no")) : .accept }
        client.connect()
        for _ in 0..<300 where !client.closed {
            var chunk = ""
            for _ in 0...(next() % 4) { chunk += fragments[next() % fragments.count] }
            let replies = client.raw(chunk)
            for line in replies {
                let code = Int(line.prefix(3)) ?? 0
                #expect((200...599).contains(code), "\(line)")
                #expect(line.utf8.count > 3 && [UInt8(ascii: " "), UInt8(ascii: "-")].contains(Array(line.utf8)[3]))
            }
            if client.session.state == .startingTLS {
                client.deliver(.tlsEstablished(StartTLSTests.tlsInfo))
            }
        }
        #expect(client.violations.isEmpty)
        #expect(client.pending.isEmpty)
    }
}
