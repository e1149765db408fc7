import Testing
@testable import POP3Protocol

@Suite("Session: TRANSACTION")
struct TransactionTests {
    // The default store: sizes as served are 28, 43 and 21 octets.

    @Test func loginAnnouncesTheMaildrop() {
        var client = TestClient()
        #expect(client.login().last == "+OK Logged in, 3 messages (92 octets)")
        #expect(client.session.timeout == POP3Timeout(kind: .transactionIdle, duration: .seconds(600)))
    }

    @Test func stat() {
        var client = TestClient()
        client.login()
        #expect(client.send("STAT") == ["+OK 3 92"])
    }

    @Test func list() {
        var client = TestClient()
        client.login()
        #expect(client.send("LIST") == ["+OK 3 messages (92 octets)", "1 28", "2 43", "3 21", "."])
        #expect(client.send("LIST 2") == ["+OK 2 43"])
        #expect(client.send("LIST 4") == ["-ERR No such message"])
        #expect(client.send("LIST 0") == ["-ERR No such message"])
        #expect(client.send("LIST 99999999999999999999999") == ["-ERR No such message"])
    }

    @Test func uidl() {
        var client = TestClient()
        client.login()
        #expect(client.send("UIDL") == ["+OK Unique-ID listing follows", "1 uid-1", "2 uid-2", "3 uid-3", "."])
        #expect(client.send("UIDL 3") == ["+OK 3 uid-3"])
        #expect(client.send("UIDL 9") == ["-ERR No such message"])
    }

    @Test func emptyMaildrop() {
        var client = TestClient()
        client.messages = []
        #expect(client.login().last == "+OK Logged in, 0 messages (0 octets)")
        #expect(client.send("STAT") == ["+OK 0 0"])
        #expect(client.send("LIST") == ["+OK 0 messages (0 octets)", "."])
        #expect(client.send("UIDL") == ["+OK Unique-ID listing follows", "."])
        #expect(client.send("RETR 1") == ["-ERR No such message"])
    }

    @Test func retr() {
        var client = TestClient()
        client.login()
        #expect(client.send("RETR 2") == [
            "+OK 43 octets", "Subject: two", "", "line 1", "..dot line", "line 3", ".",
        ])
        #expect(client.retrievals == [POP3MessageRequest(
            message: POP3MessageReference(number: 2, uidl: "uid-2"), octets: 43)])
        // Bare LF stored, CRLF served; a line that is just "." is stuffed.
        #expect(client.send("RETR 3") == ["+OK 21 octets", "Subject: three", "", "..", "."])
        #expect(client.session.state == .transaction)
    }

    @Test func retrievedOctetsMatchTheListedSize() {
        var client = TestClient()
        client.login()
        for number in 1...3 {
            let before = client.wire.count
            client.send("RETR \(number)")
            let response = text(Array(client.wire[before...]))
            let body = response.components(separatedBy: "\r\n").dropFirst().dropLast(2)  // +OK line, ".", ""
            let unstuffed = body.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            let octets = unstuffed.reduce(0) { $0 + $1.utf8.count + 2 }
            #expect(octets == client.listing[number - 1].octets, "message \(number)")
        }
    }

    @Test func top() {
        var client = TestClient()
        client.login()
        #expect(client.send("TOP 2 0") == ["+OK Top of message follows", "Subject: two", "", "."])
        #expect(client.send("TOP 2 2") == [
            "+OK Top of message follows", "Subject: two", "", "line 1", "..dot line", ".",
        ])
        #expect(client.send("TOP 2 100") == [
            "+OK Top of message follows", "Subject: two", "", "line 1", "..dot line", "line 3", ".",
        ])
        #expect(client.retrievals.map(\.topLines) == [0, 2, 100])
        #expect(client.send("TOP 7 1") == ["-ERR No such message"])
    }

    @Test func deleMarksAndHides() {
        var client = TestClient()
        client.login()
        #expect(client.send("DELE 2") == ["+OK Message 2 deleted"])
        #expect(client.send("DELE 2") == ["-ERR Message 2 already deleted"])
        #expect(client.send("STAT") == ["+OK 2 49"])
        #expect(client.send("LIST") == ["+OK 2 messages (49 octets)", "1 28", "3 21", "."])
        #expect(client.send("UIDL") == ["+OK Unique-ID listing follows", "1 uid-1", "3 uid-3", "."])
        // Numbers do not shift (RFC 1939 §5).
        #expect(client.send("LIST 3") == ["+OK 3 21"])
        #expect(client.send("LIST 2") == ["-ERR Message is deleted"])
        #expect(client.send("UIDL 2") == ["-ERR Message is deleted"])
        #expect(client.send("RETR 2") == ["-ERR Message is deleted"])
        #expect(client.send("TOP 2 1") == ["-ERR Message is deleted"])
        #expect(client.send("DELE 9") == ["-ERR No such message"])
        #expect(client.retrievals.isEmpty)
        // Nothing is deleted yet.
        #expect(client.commits.isEmpty)
    }

    @Test func rsetUnmarks() {
        var client = TestClient()
        client.login()
        client.send("DELE 1")
        client.send("DELE 3")
        #expect(client.send("STAT") == ["+OK 1 43"])
        #expect(client.send("RSET") == ["+OK Maildrop has 3 messages (92 octets)"])
        #expect(client.send("STAT") == ["+OK 3 92"])
        #expect(client.send("RETR 1").first == "+OK 28 octets")
        client.send("QUIT")
        #expect(client.commits.first?.messages == [])
    }

    @Test func noop() {
        var client = TestClient()
        client.login()
        #expect(client.send("NOOP") == ["+OK"])
    }

    @Test func capaAfterLogin() {
        var client = TestClient()
        client.login()
        #expect(client.send("CAPA") == [
            "+OK Capability list follows", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
            "USER", "SASL PLAIN", "IMPLEMENTATION Postino", ".",
        ])
        #expect(client.send("STLS") == ["-ERR Command not valid in this state"])
    }

    @Test func capaBeforeLogin() {
        var client = TestClient.make { $0.implementation = "Postino 1.0" }
        client.connect()
        #expect(client.send("CAPA") == [
            "+OK Capability list follows", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
            "STLS", "IMPLEMENTATION Postino 1.0", ".",
        ])
    }
}
