import Testing
@testable import ManageSieveProtocol

@Suite("Session: literals, limits and timeouts")
struct LimitTests {
    @Test func oversizedScriptIsRefusedWithoutReachingTheStore() {
        var client = TestClient.make { $0.maxScriptSize = 100 }
        client.login()
        #expect(client.raw("PUTSCRIPT \"big\" {5000+}\r\n").isEmpty)
        for _ in 0..<50 {
            #expect(client.raw(String(repeating: "x", count: 100)).isEmpty)
            #expect(client.session.reader.unreadCount == 0)
        }
        #expect(client.raw("\r\nNOOP\r\n") == ["NO (QUOTA/MAXSIZE) \"Script is too large\"", "OK \"NOOP completed\""])
        #expect(client.storeQuestions.isEmpty)
        #expect(client.send("CHECKSCRIPT {101+}\r\n\(String(repeating: "y", count: 101))") ==
                ["NO (QUOTA/MAXSIZE) \"Script is too large\""])
        #expect(client.send("PUTSCRIPT \"ok\" {100+}\r\n\(String(repeating: "z", count: 100))") == ["OK"])
    }

    @Test func oversizedScriptsAreNotBadCommands() {
        var client = TestClient.make {
            $0.maxScriptSize = 10
            $0.maxErrors = 2
        }
        client.login()
        for _ in 0..<5 {
            #expect(client.send("PUTSCRIPT \"s\" {11+}\r\n01234567890") == ["NO (QUOTA/MAXSIZE) \"Script is too large\""])
        }
        #expect(!client.closed)
    }

    @Test func synchronizingLiteralGetsNoContinuation() {
        // RFC 5804 has no "+ go ahead": nothing is written until the command is complete.
        var client = TestClient()
        client.login()
        #expect(client.raw("PUTSCRIPT \"s\" {5}\r\n").isEmpty)
        #expect(client.raw("keep;").isEmpty)
        #expect(client.raw("\r\n") == ["OK"])
        #expect(client.scripts["alice"]?["s"] == bytes("keep;"))
    }

    @Test func longLinesAndStrings() {
        var client = TestClient.make {
            $0.maxLineLength = 100
            $0.maxStringLength = 20
        }
        client.login()
        #expect(client.send("NOOP \"\(String(repeating: "t", count: 200))\"") == ["NO \"Line too long\""])
        #expect(client.send("NOOP {21+}\r\n\(String(repeating: "t", count: 21))") == ["NO \"String too long\""])
        #expect(client.send("NOOP") == ["OK \"NOOP completed\""])
    }

    @Test func unusableLiteralLengthIsFatal() {
        var client = TestClient()
        client.login()
        #expect(client.send("PUTSCRIPT \"s\" {9999999999+}") == ["BYE \"Literal length out of range\""])
        #expect(client.closed)
    }

    @Test func tooManyErrorsEndWithBye() {
        var client = TestClient.make { $0.maxErrors = 3 }
        client.connect()
        #expect(client.send("FOO") == ["NO \"Unknown command\""])
        #expect(client.send("LISTSCRIPTS") == ["NO \"Authenticate first\""])
        #expect(client.send("NOOP \"x") == ["NO \"Syntax error: unterminated quoted string\"", "BYE \"Too many errors\""])
        #expect(client.closed)
    }

    @Test func idleTimeoutSaysBye() {
        var client = TestClient()
        #expect(client.session.timeout == nil)
        client.connect()
        #expect(client.session.timeout == ManageSieveTimeout(kind: .nonAuthenticatedIdle, duration: .seconds(120)))
        #expect(client.deliver(.timedOut) == ["BYE \"Disconnected for inactivity\""])
        #expect(client.closed)
        #expect(client.session.timeout == nil)
        #expect(client.deliver(.timedOut).isEmpty)
    }

    @Test func serverTimeoutSaysTryLater() {
        var client = TestClient()
        client.answerStoreQuestions = false
        client.login()
        client.send("LISTSCRIPTS")
        #expect(client.session.timeout?.kind == .serverDecision)
        #expect(client.deliver(.timedOut) == ["BYE (TRYLATER) \"Server timed out, try again later\""])
    }

    @Test func authenticatedTimeoutIsAtLeastThirtyMinutes() {
        // RFC 5804 §1.2.
        #expect(ManageSieveTimeouts(authenticated: .seconds(60)).authenticated == .seconds(1800))
        #expect(ManageSieveTimeouts(authenticated: .seconds(3600)).authenticated == .seconds(3600))
        #expect(ManageSieveSessionConfiguration(maxScriptNameLength: 10).maxScriptNameLength == 128)
    }

    @Test func readAheadIsBoundedForBackpressure() {
        var client = TestClient.make { $0.maxReadAhead = 64 }
        client.answerStoreQuestions = false
        client.login()
        client.send("LISTSCRIPTS")
        #expect(client.session.wantsMoreInput)
        client.raw(String(repeating: "NOOP\r\n", count: 20))
        #expect(!client.session.wantsMoreInput)
        let replies = client.answer(.scriptsListed(.scripts([])))
        #expect(replies.count == 21)
        #expect(client.session.wantsMoreInput)
    }

    @Test func droppedConnection() {
        var client = TestClient()
        client.login()
        client.deliver(.connectionClosed)
        #expect(client.session.state == .closed)
        #expect(!client.session.wantsMoreInput)
        #expect(client.raw("NOOP\r\n").isEmpty)
    }
}
