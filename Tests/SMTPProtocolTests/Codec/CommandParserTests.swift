import MailCore
import Testing
@testable import SMTPProtocol

@Suite("SMTPCommandParser")
struct CommandParserTests {
    private func parse(_ line: String) throws(SMTPCommandError) -> SMTPCommand {
        try SMTPCommandParser.parse(line)
    }

    /// The reply a bad line gets, as "code enhanced".
    private func replyCode(_ line: String) -> String {
        do {
            _ = try parse(line)
            return "parsed"
        } catch {
            let reply = error.reply
            return "\(reply.code) \(reply.enhancedCode?.description ?? "-")"
        }
    }

    @Test func simpleVerbsAnyCase() throws {
        #expect(try parse("DATA") == .data)
        #expect(try parse("data") == .data)
        #expect(try parse("RsEt") == .rset)
        #expect(try parse("QUIT") == .quit)
        #expect(try parse("STARTTLS") == .startTLS)
        #expect(try parse("NOOP") == .noop)
        #expect(try parse("NOOP anything at all") == .noop)  // RFC 5321 §4.1.1.9
        #expect(try parse("HELP") == .help(nil))
        #expect(try parse("HELP MAIL") == .help("MAIL"))
        #expect(try parse("VRFY bob") == .vrfy("bob"))
        #expect(try parse("EXPN staff") == .expn("staff"))
    }

    @Test func trailingCRLFAndBlanksAreTolerated() throws {
        #expect(try parse("QUIT\r\n") == .quit)
        #expect(try parse("QUIT  ") == .quit)
        #expect(try parse("EHLO   client.example.org  ") == .ehlo("client.example.org"))
    }

    @Test func helloArguments() throws {
        #expect(try parse("EHLO client.example.org") == .ehlo("client.example.org"))
        #expect(try parse("helo [192.0.2.1]") == .helo("[192.0.2.1]"))
        #expect(replyCode("EHLO") == "501 5.5.4")
        #expect(replyCode("HELO   ") == "501 5.5.4")
    }

    @Test func mailFromWithAndWithoutSpaceAfterColon() throws {
        let expected = SMTPCommand.mail(SMTPPath(target: .mailbox(EmailAddress(localPart: "alice", domain: "example.org"))),
                                        SMTPMailParameters())
        #expect(try parse("MAIL FROM:<alice@example.org>") == expected)
        #expect(try parse("mail from: <alice@example.org>") == expected)
        #expect(try parse("MAIL From:<>") == .mail(.null, SMTPMailParameters()))
    }

    @Test func mailParameters() throws {
        let command = try parse("MAIL FROM:<a@example.org> SIZE=1000 BODY=8bitmime SMTPUTF8 RET=hdrs ENVID=QQ+2B1 AUTH=alice+40example.org")
        guard case .mail(_, let p) = command else { Issue.record("not MAIL"); return }
        #expect(p.size == 1000)
        #expect(p.body == .eightBitMIME)
        #expect(p.smtpUTF8)
        #expect(p.dsnReturn == .headers)
        #expect(p.envelopeID == "QQ+1")
        #expect(p.auth == .identity("alice@example.org"))

        guard case .mail(_, let q) = try parse("MAIL FROM:<a@example.org> AUTH=<> BODY=BINARYMIME") else { return }
        #expect(q.auth == .unknown)
        #expect(q.body == .binaryMIME)
        guard case .mail(_, let huge) = try parse("MAIL FROM:<a@example.org> SIZE=99999999999999999999") else { return }
        #expect(huge.size == .max)
    }

    @Test func rcptParameters() throws {
        let command = try parse("RCPT TO:<bob@example.net> NOTIFY=success,DELAY ORCPT=rfc822;bob+2Bx@example.net")
        guard case .rcpt(let path, let p) = command else { Issue.record("not RCPT"); return }
        #expect(path.mailbox == EmailAddress(localPart: "bob", domain: "example.net"))
        #expect(p.notify == .on([.success, .delay]))
        #expect(p.originalRecipient == DSNOriginalRecipient(addressType: "rfc822", address: "bob+x@example.net",
                                                              rawValue: "rfc822;bob+2Bx@example.net"))
        guard case .rcpt(_, let never) = try parse("RCPT TO:<b@example.net> NOTIFY=NEVER") else { return }
        #expect(never.notify == .never)
    }

    @Test func rcptPostmasterAndSourceRouteAreParsed() throws {
        #expect(try parse("RCPT TO:<Postmaster>") == .rcpt(SMTPPath(target: .postmaster), SMTPRecipientParameters()))
        guard case .rcpt(let path, _) = try parse("RCPT TO:<@relay.example:bob@example.net>") else { return }
        #expect(path.sourceRoute == ["relay.example"])  // the codec keeps it; the session drops it
    }

    @Test func bdat() throws {
        #expect(try parse("BDAT 1000") == .bdat(size: 1000, last: false))
        #expect(try parse("bdat 0 last") == .bdat(size: 0, last: true))
        #expect(replyCode("BDAT") == "501 5.5.4")
        #expect(replyCode("BDAT x") == "501 5.5.4")
        #expect(replyCode("BDAT -1") == "501 5.5.4")
        // The size is known, so the chunk can still be skipped.
        #expect(throws: SMTPCommandError(.syntax, "Syntax: BDAT size [LAST]", octetsToSkip: 12)) {
            try SMTPCommandParser.parse("BDAT 12 NOTLAST")
        }
    }

    @Test func auth() throws {
        #expect(try parse("AUTH plain") == .auth(mechanism: "PLAIN", initialResponse: nil))
        #expect(try parse("AUTH PLAIN AGFsaWNlAHNlY3JldA==") == .auth(mechanism: "PLAIN", initialResponse: "AGFsaWNlAHNlY3JldA=="))
        #expect(try parse("AUTH LOGIN =") == .auth(mechanism: "LOGIN", initialResponse: "="))
        #expect(replyCode("AUTH") == "501 5.5.4")
        #expect(replyCode("AUTH PLAIN a b") == "501 5.5.4")
        #expect(replyCode("AUTH PL@IN") == "501 5.5.4")
    }

    @Test func errorRepliesHaveExactCodes() {
        #expect(replyCode("") == "500 5.5.2")
        #expect(replyCode("FOO bar") == "500 5.5.2")
        #expect(replyCode("MAILFROM:<a@b>") == "500 5.5.2")
        #expect(replyCode("MAIL <a@example.org>") == "501 5.5.4")
        #expect(replyCode("MAIL TO:<a@example.org>") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:alice@example.org") == "501 5.1.7")
        #expect(replyCode("MAIL FROM:<alice@@example.org>") == "501 5.1.7")
        #expect(replyCode("MAIL FROM:<alice>") == "501 5.1.7")
        #expect(replyCode("RCPT TO:<>") == "501 5.1.3")
        #expect(replyCode("RCPT TO:<bob@exa mple.net>") == "501 5.1.3")
        #expect(replyCode("RCPT FROM:<bob@example.net>") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> FOO=1") == "555 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> NOTIFY=NEVER") == "555 5.5.4")
        #expect(replyCode("RCPT TO:<b@example.net> SIZE=10") == "555 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> SIZE=abc") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> SIZE") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> BODY=9BIT") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> SMTPUTF8=yes") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> RET=ALL") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> ENVID=a+zz") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> ENVID=\(String(repeating: "x", count: 101))") == "501 5.5.4")
        #expect(replyCode("MAIL FROM:<a@example.org> SIZE=1 SIZE=2") == "501 5.5.4")
        #expect(replyCode("RCPT TO:<b@example.net> NOTIFY=NEVER,SUCCESS") == "501 5.5.4")
        #expect(replyCode("RCPT TO:<b@example.net> NOTIFY=SOMETIMES") == "501 5.5.4")
        #expect(replyCode("RCPT TO:<b@example.net> ORCPT=user@example.net") == "501 5.5.4")
        #expect(replyCode("RCPT TO:<b@example.net> ORCPT=rfc822;") == "501 5.5.4")
        #expect(replyCode("DATA now") == "501 5.5.4")
        #expect(replyCode("RSET x") == "501 5.5.4")
        #expect(replyCode("QUIT now") == "501 5.5.4")
        #expect(replyCode("STARTTLS x") == "501 5.5.4")
        #expect(replyCode("VRFY") == "501 5.5.4")
        #expect(replyCode("EXPN") == "501 5.5.4")
    }

    @Test func invalidUTF8InArguments() {
        #expect(throws: SMTPCommandError.self) {
            try SMTPCommandParser.parse([0x4D, 0x41, 0x49, 0x4C, 0x20, 0xFF, 0xFE])
        }
        do {
            _ = try SMTPCommandParser.parse(Array("MAIL FROM:<".utf8) + [0xC3] + Array("@example.org>".utf8))
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reply.code == 501)
        }
    }

    @Test func utf8AddressesParse() throws {
        guard case .mail(let path, let p) = try parse("MAIL FROM:<jösé@exämple.org> SMTPUTF8") else { return }
        #expect(path.mailbox?.localPart == "jösé")
        #expect(p.smtpUTF8)
    }
}
