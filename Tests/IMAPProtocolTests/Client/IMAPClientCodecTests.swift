import Testing
@testable import IMAPProtocol

@Suite("IMAP client command encoding")
struct IMAPClientCommandTests {
    func text(_ segments: [[UInt8]]) -> [String] { segments.map { String(decoding: $0, as: UTF8.self) } }

    @Test func atomsQuotedAndLiterals() {
        var command = IMAPClientCommand(tag: "a1", "LOGIN")
        command.string("alice")
        command.string("pass word\"\\")
        #expect(text(command.segments(literalPlus: false)) == ["a1 LOGIN alice \"pass word\\\"\\\\\"\r\n"])

        var eightBit = IMAPClientCommand(tag: "a2", "LOGIN")
        eightBit.string("bob")
        eightBit.string("pässword")
        let bytes = Array("pässword".utf8)
        #expect(text(eightBit.segments(literalPlus: false)) == ["a2 LOGIN bob {\(bytes.count)}\r\n", "pässword\r\n"])
        #expect(text(eightBit.segments(literalPlus: true)) == ["a2 LOGIN bob {\(bytes.count)+}\r\npässword\r\n"])
    }

    @Test func emptyStringIsQuotedAndRawIsVerbatim() {
        var command = IMAPClientCommand(tag: "t", "LIST")
        command.string("")
        command.raw("*")
        command.raw("RETURN (SPECIAL-USE)")
        #expect(text(command.segments(literalPlus: false)) == ["t LIST \"\" * RETURN (SPECIAL-USE)\r\n"])
    }
}

@Suite("IMAP client response parsing")
struct IMAPClientResponseParserTests {
    func parse(_ text: String) throws -> IMAPClientResponse {
        try IMAPClientResponseParser.parse(Array(text.utf8))
    }

    @Test func taggedWithCodes() throws {
        #expect(try parse("a1 OK [READ-WRITE] SELECT completed")
            == .tagged(tag: "a1", IMAPClientStatus(kind: .ok, code: .readWrite, text: "SELECT completed")))
        #expect(try parse("a2 NO [AUTHENTICATIONFAILED] Authentication failed.")
            == .tagged(tag: "a2", IMAPClientStatus(kind: .no, code: .other(name: "AUTHENTICATIONFAILED", text: ""),
                                                   text: "Authentication failed.")))
        #expect(try parse("a3 OK [APPENDUID 38505 3955] APPEND completed")
            == .tagged(tag: "a3", IMAPClientStatus(kind: .ok, code: .appendUID(uidValidity: 38505, uid: 3955),
                                                   text: "APPEND completed")))
        #expect(try parse("a4 BAD") == .tagged(tag: "a4", IMAPClientStatus(kind: .bad)))
    }

    @Test func untaggedStatusCodesAndCounts() throws {
        #expect(try parse("* OK [UIDVALIDITY 3857529045] UIDs valid")
            == .untagged(.status(IMAPClientStatus(kind: .ok, code: .uidValidity(3857529045), text: "UIDs valid"))))
        #expect(try parse("* OK [UIDNEXT 4392] Predicted next UID")
            == .untagged(.status(IMAPClientStatus(kind: .ok, code: .uidNext(4392), text: "Predicted next UID"))))
        #expect(try parse("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited")
            == .untagged(.status(IMAPClientStatus(kind: .ok, code: .permanentFlags(["\\Deleted", "\\Seen", "\\*"]),
                                                  text: "Limited"))))
        #expect(try parse("* 172 EXISTS") == .untagged(.exists(172)))
        #expect(try parse("* 1 RECENT") == .untagged(.recent(1)))
        #expect(try parse("* 44 EXPUNGE") == .untagged(.expunge(44)))
        #expect(try parse("* BYE Logging out") == .untagged(.status(IMAPClientStatus(kind: .bye, text: "Logging out"))))
        #expect(try parse("+ Ready for literal data") == .continuation("Ready for literal data"))
        #expect(try parse("+") == .continuation(""))
    }

    @Test func capabilityInGreetingAndUntagged() throws {
        #expect(try parse("* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.")
            == .untagged(.status(IMAPClientStatus(kind: .ok, code: .capability(["IMAP4rev1", "LITERAL+", "STARTTLS", "AUTH=PLAIN"]),
                                                  text: "Dovecot ready."))))
        #expect(try parse("* CAPABILITY IMAP4rev1 IDLE SPECIAL-USE")
            == .untagged(.capability(["IMAP4rev1", "IDLE", "SPECIAL-USE"])))
    }

    @Test func listAndLsub() throws {
        #expect(try parse(#"* LIST (\HasNoChildren \Sent) "/" "Sent Items""#)
            == .untagged(.list(IMAPClientListEntry(attributes: ["\\HasNoChildren", "\\Sent"], delimiter: "/", name: "Sent Items"))))
        #expect(try parse(#"* LIST (\Noselect) "." INBOX.Archiv&AOQ-"#)
            == .untagged(.list(IMAPClientListEntry(attributes: ["\\Noselect"], delimiter: ".", name: "INBOX.Archiv&AOQ-"))))
        #expect(try parse("* LIST () NIL Flat")
            == .untagged(.list(IMAPClientListEntry(attributes: [], delimiter: nil, name: "Flat"))))
        #expect(try parse("* LSUB () \"/\" {5}\r\na\"b c")
            == .untagged(.lsub(IMAPClientListEntry(attributes: [], delimiter: "/", name: "a\"b c"))))
        #expect(try parse(#"* LIST (\HasNoChildren) "\\" Work"#)
            == .untagged(.list(IMAPClientListEntry(attributes: ["\\HasNoChildren"], delimiter: "\\", name: "Work"))))
    }

    @Test func statusSearchFlagsNamespace() throws {
        #expect(try parse("* STATUS \"Sent Items\" (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 7)")
            == .untagged(.mailboxStatus(mailbox: "Sent Items", items: ["MESSAGES": 231, "UIDNEXT": 44292, "UIDVALIDITY": 7])))
        #expect(try parse("* SEARCH 2 84 882") == .untagged(.search([2, 84, 882])))
        #expect(try parse("* SEARCH") == .untagged(.search([])))
        #expect(try parse("* SEARCH 3 5 (MODSEQ 917162500)") == .untagged(.search([3, 5])))
        #expect(try parse("* FLAGS (\\Answered \\Flagged $Forwarded)")
            == .untagged(.flags(["\\Answered", "\\Flagged", "$Forwarded"])))
        #expect(try parse(##"* NAMESPACE (("INBOX." ".")) NIL (("#shared." "."))"##)
            == .untagged(.namespace(personal: [IMAPClientNamespace(prefix: "INBOX.", delimiter: ".")])))
        #expect(try parse(#"* NAMESPACE (("" "/")) (("~" "/")) NIL"#)
            == .untagged(.namespace(personal: [IMAPClientNamespace(prefix: "", delimiter: "/")])))
    }

    @Test func fetchWithLiteralBodyAndAllItems() throws {
        let body = "Subject: x\r\n\r\n) BODY[] {3}\r\n"
        let raw = "* 12 FETCH (UID 4827 FLAGS (\\Seen $Label1) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
            + "RFC822.SIZE \(body.utf8.count) MODSEQ (12121) BODY[] {\(body.utf8.count)}\r\n\(body))"
        guard case let .untagged(.fetch(fetch)) = try parse(raw) else {
            Issue.record("not a FETCH")
            return
        }
        #expect(fetch.sequenceNumber == 12)
        #expect(fetch.uid == 4827)
        #expect(fetch.flags == ["\\Seen", "$Label1"])
        #expect(fetch.internalDate == IMAPDateTime(year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25,
                                                   zoneOffsetMinutes: -420))
        #expect(fetch.size == UInt64(body.utf8.count))
        #expect(fetch.modSeq == 12121)
        #expect(fetch.body == Array(body.utf8))
    }

    @Test func fetchSectionsStructuresAndNil() throws {
        let raw = "* 3 FETCH (BODY[HEADER.FIELDS (MESSAGE-ID)] {21}\r\nMessage-ID: <a@b>\r\n\r\n"
            + " BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3 1 NIL NIL NIL)"
            + " ENVELOPE (NIL \"x\" NIL NIL NIL NIL NIL NIL NIL NIL) BODY[TEXT]<0> NIL X-GM-LABELS (\\Inbox) UID 9)"
        guard case let .untagged(.fetch(fetch)) = try parse(raw) else {
            Issue.record("not a FETCH")
            return
        }
        #expect(fetch.sections["HEADER.FIELDS (MESSAGE-ID)"] == Array("Message-ID: <a@b>\r\n\r\n".utf8))
        #expect(fetch.sections["TEXT"] == [])
        #expect(fetch.uid == 9)
    }

    @Test func rfc822Forms() throws {
        guard case let .untagged(.fetch(fetch)) = try parse("* 1 FETCH (RFC822 {2}\r\nhi RFC822.HEADER \"h\")") else {
            Issue.record("not a FETCH")
            return
        }
        #expect(fetch.body == Array("hi".utf8))
        #expect(fetch.sections["HEADER"] == Array("h".utf8))
    }

    @Test func malformedResponsesThrow() {
        #expect(throws: IMAPClientParseError.self) { try parse("a1 MAYBE") }
        #expect(throws: IMAPClientParseError.self) { try parse("* 1 FETCH (UID x)") }
        #expect(throws: IMAPClientParseError.self) { try parse("* 1 FETCH (BODY[] {99}\r\nshort)") }
        #expect(throws: IMAPClientParseError.self) { try parse("* LIST (\\Noselect \"/\" x") }
    }
}

@Suite("IMAP client helpers")
struct IMAPClientHelperTests {
    @Test func uidSetsAreCompact() {
        #expect(IMAPClientUIDSet.string([9, 1, 2, 3, 5, 10, 11, 12, 3]) == "1:3,5,9:12")
        #expect(IMAPClientUIDSet.string([]) == "")
    }

    @Test func plainCarriesTheAuthorizationIdentity() {
        #expect(IMAPClientSASL.plain(authorization: "", authentication: "tim", password: "tanstaaftanstaaf")
            == "AHRpbQB0YW5zdGFhZnRhbnN0YWFm")  // RFC 4616 §4 example
        #expect(IMAPClientSASL.plain(authorization: "u", authentication: "a", password: "p") == "dQBhAHA=")
    }
}
