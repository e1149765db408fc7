import Testing
@testable import POP3Protocol

@Suite("Session: PIPELINING (RFC 2449 §6.6)")
struct PipeliningTests {
    static let script = "CAPA\r\nUSER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nUIDL 2\r\nRETR 1\r\n" +
        "TOP 2 1\r\nDELE 1\r\nLIST\r\nRSET\r\nDELE 3\r\nQUIT\r\n"

    static func run(_ chunks: [[UInt8]]) -> TestClient {
        var client = TestClient()
        client.connect(tls: true)
        for chunk in chunks { client.deliver(.received(chunk)) }
        return client
    }

    @Test func wholeSessionInOneWrite() {
        let client = Self.run([bytes(Self.script)])
        let transcript = text(client.wire).components(separatedBy: "\r\n")
        #expect(transcript == [
            "+OK Postino POP3 ready",
            "+OK Capability list follows", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
            "USER", "SASL PLAIN", "IMPLEMENTATION Postino", ".",
            "+OK Send PASS",
            "+OK Logged in, 3 messages (92 octets)",
            "+OK 3 92",
            "+OK 3 messages (92 octets)", "1 28", "2 43", "3 21", ".",
            "+OK 2 uid-2",
            "+OK 28 octets", "Subject: one", "", "first body", ".",
            "+OK Top of message follows", "Subject: two", "", "line 1", ".",
            "+OK Message 1 deleted",
            "+OK 2 messages (64 octets)", "2 43", "3 21", ".",
            "+OK Maildrop has 3 messages (92 octets)",
            "+OK Message 3 deleted",
            "+OK Logging out",
            "",
        ])
        #expect(client.commits.first?.messages.map(\.uidl) == ["uid-3"])
        #expect(client.closed)
        #expect(client.violations.isEmpty)
    }

    @Test func sameOutputWhateverTheSplit() {
        let input = bytes(Self.script)
        let reference = Self.run([input]).wire
        for cut in 0...input.count {
            let client = Self.run([Array(input[..<cut]), Array(input[cut...])])
            #expect(client.wire == reference, "cut at \(cut)")
            #expect(client.violations.isEmpty)
        }
        #expect(Self.run(input.map { [$0] }).wire == reference)
    }

    @Test func sameOutputWhateverTheMessageChunking() {
        var reference = TestClient()
        reference.login()
        reference.send("RETR 2")
        reference.send("TOP 1 0")
        for size in 1...12 {
            var client = TestClient()
            client.chunkSize = size
            client.login()
            client.send("RETR 2")
            client.send("TOP 1 0")
            #expect(client.wire == reference.wire, "chunks of \(size)")
        }
    }

    @Test func commandsWaitWhileAMessageStreams() {
        var client = TestClient()
        client.answerRetrievals = false
        client.login()
        #expect(client.raw("RETR 1\r\nDELE 1\r\nSTAT\r\n").isEmpty)
        #expect(client.session.state == .sendingMessage)
        #expect(client.session.wantsMessageData)
        #expect(client.session.timeout?.kind == .messageTransfer)
        #expect(client.deliver(.messageData(bytes("Subject: one\n\nfirst"))) == ["+OK 28 octets", "Subject: one", "", "first"])
        #expect(client.deliver(.messageData(bytes(" body\n"))) == [" body"])
        #expect(client.deliver(.messageEnd) == [".", "+OK Message 1 deleted", "+OK 2 64"])
    }

    @Test func readAheadIsBoundedForBackpressure() {
        var client = TestClient.make { $0.maxReadAhead = 64 }
        client.answerRetrievals = false
        client.login()
        client.send("RETR 1")
        #expect(client.session.wantsMoreInput)
        client.raw(String(repeating: "NOOP\r\n", count: 20))
        #expect(!client.session.wantsMoreInput)
        client.deliver(.messageEnd)
        #expect(client.session.wantsMoreInput)
        #expect(text(client.wire).components(separatedBy: "+OK\r\n").count == 21)
    }

    @Test func bareLineFeedsAreAccepted() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.raw("USER alice\nPASS secret\nSTAT\n").last == "+OK 3 92")
    }
}
