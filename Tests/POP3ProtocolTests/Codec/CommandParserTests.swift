import Testing
@testable import POP3Protocol

@Suite("Codec: command parser")
struct CommandParserTests {
    private func parse(_ line: String) -> Result<POP3Command, POP3CommandError> {
        do throws(POP3CommandError) {
            return .success(try POP3CommandParser.parse(line))
        } catch {
            return .failure(error)
        }
    }

    @Test func everyCommand() {
        #expect(parse("USER alice") == .success(.user("alice")))
        #expect(parse("PASS secret") == .success(.pass("secret")))
        #expect(parse("AUTH") == .success(.auth(mechanism: nil, initialResponse: nil)))
        #expect(parse("AUTH plain") == .success(.auth(mechanism: "PLAIN", initialResponse: nil)))
        #expect(parse("AUTH PLAIN AGFsaWNlAHNlY3JldA==") ==
                .success(.auth(mechanism: "PLAIN", initialResponse: "AGFsaWNlAHNlY3JldA==")))
        #expect(parse("CAPA") == .success(.capa))
        #expect(parse("STLS") == .success(.stls))
        #expect(parse("STAT") == .success(.stat))
        #expect(parse("LIST") == .success(.list(nil)))
        #expect(parse("LIST 2") == .success(.list(2)))
        #expect(parse("UIDL") == .success(.uidl(nil)))
        #expect(parse("UIDL 7") == .success(.uidl(7)))
        #expect(parse("RETR 1") == .success(.retr(1)))
        #expect(parse("TOP 1 10") == .success(.top(1, lines: 10)))
        #expect(parse("TOP 1 0") == .success(.top(1, lines: 0)))
        #expect(parse("DELE 3") == .success(.dele(3)))
        #expect(parse("NOOP") == .success(.noop))
        #expect(parse("RSET") == .success(.rset))
        #expect(parse("QUIT") == .success(.quit))
    }

    @Test func keywordsAreCaseInsensitive() {
        #expect(parse("stat") == .success(.stat))
        #expect(parse("Retr 4") == .success(.retr(4)))
        #expect(parse("uSeR Bob") == .success(.user("Bob")))  // the argument keeps its case
    }

    @Test func passwordIsTheRestOfTheLine() {
        // RFC 1939 §7: spaces are part of the password.
        #expect(parse("PASS my secret  pass ") == .success(.pass("my secret  pass ")))
        #expect(parse("PASS pässwörd") == .success(.pass("pässwörd")))
        #expect(parse("PASS") == .failure(.syntax("PASS password")))
        #expect(parse("USER") == .failure(.syntax("USER name")))
    }

    @Test func trailingLineEndIsTolerated() {
        #expect(parse("STAT\r\n") == .success(.stat))
        #expect(parse("LIST  3") == .success(.list(3)))  // runs of spaces tolerated
    }

    @Test func badArguments() {
        #expect(parse("RETR") == .failure(.syntax("RETR message-number")))
        #expect(parse("RETR x") == .failure(.syntax("invalid message number")))
        #expect(parse("RETR -1") == .failure(.syntax("invalid message number")))
        #expect(parse("RETR +1") == .failure(.syntax("invalid message number")))
        #expect(parse("RETR 1 2") == .failure(.syntax("RETR message-number")))
        #expect(parse("DELE") == .failure(.syntax("DELE message-number")))
        #expect(parse("TOP 1") == .failure(.syntax("TOP message-number lines")))
        #expect(parse("TOP 1 -5") == .failure(.syntax("TOP lines must be a non-negative number")))
        #expect(parse("LIST 1 2") == .failure(.syntax("LIST [message-number]")))
        #expect(parse("STAT 1") == .failure(.syntax("STAT takes no argument")))
        #expect(parse("QUIT now") == .failure(.syntax("QUIT takes no argument")))
        #expect(parse("AUTH PLAIN a b") == .failure(.syntax("AUTH mechanism [initial-response]")))
    }

    @Test func hugeNumbersSaturateInsteadOfOverflowing() {
        #expect(parse("RETR 99999999999999999999999999") == .success(.retr(Int.max)))
        #expect(parse("TOP 1 99999999999999999999999999") == .success(.top(1, lines: Int.max)))
        #expect(parse("LIST 0") == .success(.list(0)))
    }

    @Test func unknownCommands() {
        #expect(parse("") == .failure(.unknownCommand))
        #expect(parse("APOP mrose c4c9334bac560ecc979e58001b3e22fb") == .failure(.unknownCommand))
        #expect(parse("XTND XMIT") == .failure(.unknownCommand))
        #expect(parse(" STAT") == .failure(.unknownCommand))
        #expect(parse("STATX") == .failure(.unknownCommand))
    }

    @Test func invalidUTF8() {
        #expect(throws: POP3CommandError.syntax("arguments are not valid UTF-8")) {
            try POP3CommandParser.parse(bytes("USER ") + [0xFF, 0xFE])
        }
        #expect(throws: POP3CommandError.unknownCommand) {
            try POP3CommandParser.parse([0xC3, 0x28, 0x20, 0xFF])
        }
    }

    @Test func errorResponses() {
        #expect(POP3CommandError.unknownCommand.response.description == "-ERR Unknown command\r\n")
        #expect(POP3CommandError.syntax("x").response.description == "-ERR Syntax error: x\r\n")
    }
}
