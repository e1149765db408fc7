import MailCore
import Testing
@testable import IMAPProtocol

/// Replays the sample connection of RFC 3501 §8 through the reader, the parser, the
/// FETCH responder and the encoder, and compares the server side byte for byte.
@Suite struct RFC3501TranscriptTests {
    @Test func sampleConnection() throws {
        var reader = IMAPCommandReader()
        reader.append(bytes("a001 login mrc secret\r\na002 select inbox\r\na003 fetch 12 full\r\na004 fetch 12 body[header]\r\na005 store 12 +flags \\deleted\r\na006 logout\r\n"))
        var commands: [IMAPCommand] = []
        while case .command(let frame) = reader.nextCommand() { commands.append(try IMAPCommandParser.parse(frame)) }
        #expect(commands.map(\.tag) == ["a001", "a002", "a003", "a004", "a005", "a006"])
        #expect(commands[0].kind == .login(username: "mrc", password: "secret"))
        #expect(commands[1].kind == .select(.inbox, IMAPSelectParameters()))
        #expect(commands[4].kind == .store(IMAPStoreCommand(sequenceSet: IMAPSequenceSet([IMAPSequenceRange(12)]), byUID: false,
                                                           action: .add, silent: false, flags: [.deleted])))
        #expect(commands[5].kind == .logout)

        var server = ""
        func send(_ response: IMAPResponse) { server += encode(response) }
        send(.untagged(.condition(.ok, code: nil, text: "IMAP4rev1 Service Ready")))
        send(.tagged("a001", .ok, code: nil, text: "LOGIN completed"))
        send(.untagged(.exists(18)))
        send(.untagged(.flags([.answered, .flagged, .deleted, .seen, .draft])))
        send(.untagged(.recent(2)))
        send(.untagged(.condition(.ok, code: .unseen(17), text: "Message 17 is the first unseen message")))
        send(.untagged(.condition(.ok, code: .uidValidity(3_857_529_045), text: "UIDs valid")))
        send(.tagged("a002", .ok, code: .readWrite, text: "SELECT completed"))

        let message = rfc3501SampleMessage()
        let attributes = IMAPMessageAttributes(uid: 1, flags: [.seen],
                                               internalDate: IMAPDateTime.parse(bytes("17-Jul-1996 02:44:25 -0700"))!, size: 4286)
        guard case .fetch(let full) = commands[2].kind, case .fetch(let header) = commands[3].kind else {
            Issue.record("not fetches")
            return
        }
        let sections = IMAPMessageSections(message: message)
        send(.untagged(.fetch(12, try IMAPFetchResponder.items(for: full.attributes, message: attributes, sections: sections))))
        send(.tagged("a003", .ok, code: nil, text: "FETCH completed"))
        send(.untagged(.fetch(12, try IMAPFetchResponder.items(for: header.attributes, message: attributes, sections: sections))))
        send(.tagged("a004", .ok, code: nil, text: "FETCH completed"))
        send(.untagged(.fetch(12, [.flags([.seen, .deleted])])))
        send(.tagged("a005", .ok, code: nil, text: "+FLAGS completed"))
        send(.untagged(.condition(.bye, code: nil, text: "IMAP4rev1 server terminating connection")))
        send(.tagged("a006", .ok, code: nil, text: "LOGOUT completed"))

        // The RFC's text, its editorial line breaks removed.
        let expected = """
        * OK IMAP4rev1 Service Ready
        a001 OK LOGIN completed
        * 18 EXISTS
        * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)
        * 2 RECENT
        * OK [UNSEEN 17] Message 17 is the first unseen message
        * OK [UIDVALIDITY 3857529045] UIDs valid
        a002 OK [READ-WRITE] SELECT completed
        * 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" \
        "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) \
        (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")\
        ("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))
        a003 OK FETCH completed
        * 12 FETCH (BODY[HEADER] {342}
        Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
        From: Terry Gray <gray@cac.washington.edu>
        Subject: IMAP4rev1 WG mtg summary and minutes
        To: imap@cac.washington.edu
        cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
        Message-Id: <B27397-0100000@cac.washington.edu>
        MIME-Version: 1.0
        Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

        )
        a004 OK FETCH completed
        * 12 FETCH (FLAGS (\\Seen \\Deleted))
        a005 OK +FLAGS completed
        * BYE IMAP4rev1 server terminating connection
        a006 OK LOGOUT completed

        """
        #expect(server == crlf(expected))
    }
}
