import Testing
@testable import ManageSieveProtocol

@Suite("Session: robustness")
struct RobustnessTests {
    /// Deterministic pseudo-random input made of ManageSieve fragments and junk: the session
    /// must never trap, every result line must be well formed, and no question may be left
    /// unanswered.
    @Test(arguments: 1...20)
    func randomInputKeepsTheContract(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let plain = base64("\u{0}alice\u{0}secret")
        let fragments = [
            "AUTHENTICATE \"PLAIN\" \"\(plain)\"\r\n", "AUTHENTICATE \"PLAIN\"\r\n", "\"\(plain)\"\r\n", "\"*\"\r\n",
            "PUTSCRIPT \"a\" {5+}\r\nkeep;\r\n", "PUTSCRIPT \"b\" \"error\"\r\n", "LISTSCRIPTS\r\n",
            "SETACTIVE \"a\"\r\n", "SETACTIVE \"\"\r\n", "GETSCRIPT \"a\"\r\n", "DELETESCRIPT \"a\"\r\n",
            "RENAMESCRIPT \"a\" \"b\"\r\n", "HAVESPACE \"a\" 10\r\n", "CHECKSCRIPT {3}\r\n", "STARTTLS\r\n",
            "UNAUTHENTICATE\r\n", "NOOP \"t\"\r\n", "CAPABILITY\r\n", "{2+}\r\n", "\"", "\\", "{", "}",
            "\r\n", "\n", "x", "\u{0}", "é", " ", "{99999999999+}\r\n",
        ]
        var client = TestClient.make {
            $0.maxErrors = 1000
            $0.maxAuthFailures = 1000
            $0.maxScriptSize = 64
            $0.maxStringLength = 32
        }
        client.connect()
        for _ in 0..<300 where !client.closed {
            var chunk = ""
            for _ in 0...(next() % 4) { chunk += fragments[next() % fragments.count] }
            client.raw(chunk)
            if client.session.state == .startingTLS { client.deliver(.tlsEstablished) }
        }
        #expect(client.violations.isEmpty)
        #expect(client.pending.isEmpty)
        for action in client.actions {
            guard case .send(.response(let response)) = action else { continue }
            let line = response.description
            #expect(line.hasPrefix("OK") || line.hasPrefix("NO") || line.hasPrefix("BYE"))
            #expect(line.hasSuffix("\r\n"))
        }
    }
}
