import Testing
@testable import POP3Protocol

@Suite("Session: robustness")
struct RobustnessTests {
    /// Deterministic pseudo-random input made of POP3 fragments and junk: the session must
    /// never trap, every status line must be well formed, and the lock contract must hold.
    @Test(arguments: 1...20)
    func randomInputKeepsTheContract(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let fragments = [
            "USER alice\r\n", "PASS secret\r\n", "PASS wrong\r\n", "STAT\r\n", "LIST\r\n", "LIST 2\r\n",
            "UIDL\r\n", "RETR 1\r\n", "RETR 3\r\n", "TOP 2 1\r\n", "DELE 1\r\n", "DELE 2\r\n", "RSET\r\n",
            "NOOP\r\n", "CAPA\r\n", "STLS\r\n", "AUTH PLAIN\r\n", "AUTH\r\n", "*\r\n", "AGFsaWNlAHNlY3JldA==\r\n",
            "\n", "\r", ".", "x", "\u{0}", "é", "RETR 99999999999999999999\r\n", "TOP 1 -1\r\n",
        ]
        var client = TestClient.make {
            $0.maxErrors = 1000
            $0.maxAuthFailures = 1000
            $0.allowUnencrypted = true
        }
        client.chunkSize = 1 + next() % 7
        client.connect()
        for _ in 0..<300 where !client.closed {
            var chunk = ""
            for _ in 0...(next() % 4) { chunk += fragments[next() % fragments.count] }
            client.raw(chunk)
            if client.session.state == .startingTLS { client.deliver(.tlsEstablished) }
        }
        if !client.closed { client.deliver(.connectionClosed) }
        #expect(client.violations.isEmpty)
        #expect(client.pending.isEmpty)
        #expect(client.locksHeld.isEmpty)
        // Every status line is well formed and within RFC 2449's 512 octets.
        for action in client.actions {
            guard case .send(let response) = action else { continue }
            let first = response.encoded.prefix { $0 != 0x0A }
            let line = text(Array(first))
            #expect(line.hasPrefix("+OK") || line.hasPrefix("-ERR") || line.hasPrefix("+ "), "\(line)")
            #expect(first.count + 1 <= 512)
        }
    }
}
