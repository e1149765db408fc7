import MailCore
import Testing
@testable import POP3Protocol

@Suite("Client: session")
struct ClientSessionTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func loggedIn() throws -> POP3ClientSession {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("+OK ready\r\n"))
        _ = try session.send(.user("bob"))
        _ = try session.send(.pass("secret"))
        _ = try session.receive(bytes("+OK\r\n+OK logged in\r\n"))
        return session
    }

    @Test func greetingOpensAuthorization() throws {
        var session = POP3ClientSession()
        #expect(throws: POP3ClientError.self) { try session.send(.capa) }
        let events = try session.receive(bytes("+OK Dovecot ready.\r\n"))
        #expect(events == [.greeting(POP3ClientReply(status: .ok, text: "Dovecot ready."))])
        #expect(session.state == .authorization)
    }

    @Test func refusedGreetingCloses() throws {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("-ERR [SYS/TEMP] busy\r\n"))
        #expect(session.state == .closed)
        #expect(throws: POP3ClientError.self) { try session.send(.quit) }
    }

    @Test func loginMovesToTransactionOnlyOnOK() throws {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("+OK\r\n"))
        #expect(try session.send(.user("bob")) == bytes("USER bob\r\n"))
        #expect(try session.send(.pass("pass word")) == bytes("PASS pass word\r\n"))
        let events = try session.receive(bytes("+OK\r\n-ERR [AUTH] Authentication failed.\r\n"))
        #expect(events.count == 2)
        guard case .reply(.pass, let reply) = events[1] else { Issue.record("no PASS reply"); return }
        #expect(reply.code == .auth)
        #expect(reply.text == "Authentication failed.")
        #expect(session.state == .authorization)
        #expect(throws: POP3ClientError.self) { try session.send(.retr(1)) }
    }

    @Test func authPlainCarriesBase64InitialResponse() throws {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("+OK\r\n"))
        let wire = try session.send(.authPlain(SASLPlainMessage(authorizationID: nil, authenticationID: "bob", password: "pw")))
        // RFC 4616: NUL bob NUL pw → AGJvYgBwdw==
        #expect(wire == bytes("AUTH PLAIN AGJvYgBwdw==\r\n"))
        _ = try session.receive(bytes("+OK Logged in.\r\n"))
        #expect(session.state == .transaction)
    }

    @Test func argumentsThatWouldSplitTheLineAreRefused() throws {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("+OK\r\n"))
        #expect(throws: POP3ClientError.unsafeArgument(command: "PASS")) { try session.send(.pass("a\r\nDELE 1")) }
    }

    @Test func multiLineReplyIsUnstuffedAcrossChunks() throws {
        var session = try loggedIn()
        _ = try session.send(.retr(1))
        var events = try session.receive(bytes("+OK 30 octets\r\nSubject: x\r\n\r\n..dot line\r\n"))
        #expect(events.isEmpty)
        events = try session.receive(bytes("last\r"))
        #expect(events.isEmpty)
        events = try session.receive(bytes("\n.\r\n"))
        guard case .reply(.retr(1), let reply) = events.first else { Issue.record("no RETR reply"); return }
        #expect(reply.data == bytes("Subject: x\r\n\r\n.dot line\r\nlast\r\n"))
    }

    @Test func bareLineFeedsBecomeCRLF() throws {
        var session = try loggedIn()
        _ = try session.send(.top(1, lines: 0))
        let events = try session.receive(bytes("+OK\nA: b\n\n.\n"))
        guard case .reply(_, let reply) = events.first else { Issue.record("no reply"); return }
        #expect(reply.data == bytes("A: b\r\n\r\n"))
    }

    @Test func pipelinedRepliesPairWithTheirCommands() throws {
        var session = try loggedIn()
        _ = try session.send(.uidl)
        _ = try session.send(.list)
        _ = try session.send(.dele(2))
        let events = try session.receive(bytes("+OK\r\n1 abc\r\n2 def\r\n.\r\n+OK\r\n1 100\r\n2 200\r\n.\r\n-ERR no such message\r\n"))
        #expect(events.count == 3)
        guard case .reply(.uidl, let uidl) = events[0], case .reply(.list, let list) = events[1],
              case .reply(.dele(2), let dele) = events[2] else { Issue.record("out of order"); return }
        #expect(POP3Listing.uidl(uidl).map(\.uid) == ["abc", "def"])
        #expect(POP3Listing.sizes(list).map(\.size) == [100, 200])
        #expect(!dele.isOK)
    }

    @Test func errorReplyToMultiLineCommandIsSingleLine() throws {
        var session = try loggedIn()
        _ = try session.send(.uidl)
        _ = try session.send(.noop)
        let events = try session.receive(bytes("-ERR not supported\r\n+OK\r\n"))
        #expect(events.count == 2)
    }

    @Test func quitCloses() throws {
        var session = try loggedIn()
        _ = try session.send(.quit)
        _ = try session.receive(bytes("+OK Logging out, messages deleted.\r\n"))
        #expect(session.state == .closed)
    }

    @Test func bytesAfterSTLSReplyAreRefused() throws {
        var session = POP3ClientSession()
        _ = try session.receive(bytes("+OK\r\n"))
        _ = try session.send(.stls)
        #expect(throws: POP3ClientError.bytesAcrossTLS) { try session.receive(bytes("+OK Begin TLS\r\n+OK injected\r\n")) }
    }

    @Test func malformedAndUnsolicitedRepliesAreErrors() throws {
        var session = POP3ClientSession()
        #expect(throws: POP3ClientError.self) { try session.receive(bytes("HELLO\r\n")) }
        var other = POP3ClientSession()
        _ = try other.receive(bytes("+OK\r\n"))
        #expect(throws: POP3ClientError.self) { try other.receive(bytes("+OK surprise\r\n")) }
    }

    @Test func oversizedReplyIsRefused() throws {
        var session = POP3ClientSession(maximumLineLength: 64, maximumReplySize: 32)
        #expect(throws: POP3ClientError.replyTooLarge(limit: 64)) { try session.receive(bytes("+OK " + String(repeating: "x", count: 100))) }
        var small = POP3ClientSession(maximumLineLength: 64, maximumReplySize: 32)
        _ = try small.receive(bytes("+OK\r\n"))
        _ = try small.send(.user("u"))
        _ = try small.send(.pass("p"))
        _ = try small.receive(bytes("+OK\r\n+OK\r\n"))
        _ = try small.send(.retr(1))
        #expect(throws: POP3ClientError.replyTooLarge(limit: 32)) {
            try small.receive(bytes("+OK\r\n" + String(repeating: "y", count: 40) + "\r\n"))
        }
    }

    /// Found by the `pop3-client` fuzz target: a line that fits was refused when a read
    /// ended between its CR and LF (or between a reply's last line and its "." terminator).
    @Test func limitsDoNotDependOnWhereReadsSplit() throws {
        let fitting = "-ERR " + String(repeating: "x", count: 59)  // 64 octets
        for split in [fitting.utf8.count, fitting.utf8.count + 1] {
            var session = POP3ClientSession(maximumLineLength: 64)
            let wire = bytes(fitting + "\r\n")
            _ = try session.receive(wire[..<split])
            let events = try session.receive(wire[split...])
            #expect(events == [.greeting(POP3ClientReply(status: .err, text: String(fitting.dropFirst(5))))])
        }
        var full = POP3ClientSession(maximumLineLength: 64, maximumReplySize: 32)
        _ = try full.receive(bytes("+OK\r\n"))
        _ = try full.send(.capa)
        let data = String(repeating: "y", count: 30)  // 32 octets with its CRLF: the limit
        _ = try full.receive(bytes("+OK\r\n\(data)\r\n.\r"))
        let events = try full.receive(bytes("\n"))
        #expect(events == [.reply(.capa, POP3ClientReply(status: .ok, data: bytes(data + "\r\n")))])
        // Still refused once it cannot fit.
        var over = POP3ClientSession(maximumLineLength: 64)
        #expect(throws: POP3ClientError.replyTooLarge(limit: 64)) { try over.receive(bytes(fitting + "xx")) }
    }

    @Test func statusLineParsing() {
        let reply = POP3ClientReply.status(line: bytes("-ERR [IN-USE] Mailbox locked"))
        #expect(reply == POP3ClientReply(status: .err, code: .inUse, text: "Mailbox locked"))
        #expect(POP3ClientReply.status(line: bytes("+OK")) == POP3ClientReply(status: .ok))
        #expect(POP3ClientReply.status(line: bytes("+ ")) == POP3ClientReply(status: .continuation))
        #expect(POP3ClientReply.status(line: bytes("* OK")) == nil)
    }

    @Test func listingsSkipMalformedLines() {
        let reply = POP3ClientReply(status: .ok, data: bytes("1 a\r\nnot a line\r\n3 " + String(repeating: "z", count: 71) + "\r\n4 ok\r\n"))
        #expect(POP3Listing.uidl(reply).map(\.number) == [1, 4])
        let capa = POP3ClientReply(status: .ok, data: bytes("UIDL\r\nSASL PLAIN LOGIN\r\nstls\r\n"))
        let capabilities = POP3Listing.capabilities(capa)
        #expect(capabilities["SASL"] == ["PLAIN", "LOGIN"])
        #expect(capabilities["STLS"] == [])
        #expect(POP3Listing.stat(POP3ClientReply(status: .ok, text: "2 320")).map { [$0.count, $0.size] } == [2, 320])
    }
}

@Suite("Client: framed multi-line data")
struct ClientFramedDataTests {
    @Test func transportFramedDataCompletesTheReply() throws {
        var session = POP3ClientSession()
        _ = try session.receive(Array("+OK\r\n".utf8))
        _ = try session.send(.user("u"))
        _ = try session.send(.pass("p"))
        _ = try session.receive(Array("+OK\r\n+OK\r\n".utf8))
        _ = try session.send(.retr(1))
        #expect(try session.receive(Array("+OK 5 octets\r\n".utf8)).isEmpty)
        #expect(session.isReadingMultiLine)
        let event = try session.completeMultiLine(data: Array("A: b\r\n".utf8))
        #expect(event == .reply(.retr(1), POP3ClientReply(status: .ok, text: "5 octets", data: Array("A: b\r\n".utf8))))
        #expect(!session.isReadingMultiLine)
        #expect(throws: POP3ClientError.self) { try session.completeMultiLine(data: []) }
    }
}
