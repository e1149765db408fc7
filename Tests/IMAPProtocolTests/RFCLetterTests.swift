import MailCore
import Testing
@testable import IMAPProtocol

/// Behaviours checked against the RFC text (issue 20): each test quotes what it checks.
@Suite struct RFCLetterTests {
    private func message(_ n: UInt32, _ header: String) -> TestMessage {
        TestMessage(sequenceNumber: n, uid: n, raw: header + "\r\nSubject: x\r\n\r\nbody\r\n")
    }

    /// RFC 5256 §3 FROM: "[IMAP] addr-mailbox of the first "From" address" — a group's
    /// first address structure has the group name as addr-mailbox (RFC 3501 §7.4.2), an
    /// address without a domain its word.
    @Test func sortFromUsesTheAddressStructure() {
        let messages = [
            message(1, "From: Zulu Group: alpha@x.example;"),
            message(2, "From: mike"),
            message(3, "From: Aaron <yankee@x.example>"),
            message(4, "From: bravo@x.example"),
        ]
        #expect(IMAPSorter.sort(messages, by: [IMAPSortCriterion(.from)]).map(\.sequenceNumber) == [4, 2, 3, 1])
        // RFC 5957 §3: addr-name, else mailbox@host, else addr-mailbox.
        #expect(IMAPSorter.sort(messages, by: [IMAPSortCriterion(.displayFrom)]).map(\.sequenceNumber) == [3, 4, 2, 1])
    }

    /// RFC 3501 §7.4.2: the address structure's second field is the "at-domain-list
    /// (source route)".
    @Test func envelopeKeepsTheSourceRoute() {
        let envelope = IMAPEnvelope(message: Message("From: Joe <@relay.example,@hop.example:joe@domain.org>\r\n\r\nx\r\n"))
        #expect(envelope.from == [IMAPAddress(name: Array("Joe".utf8), adl: Array("@relay.example,@hop.example".utf8),
                                              mailbox: Array("joe".utf8), host: Array("domain.org".utf8))])
        let plain = IMAPEnvelope(message: Message("From: <joe@domain.org>\r\n\r\nx\r\n"))
        #expect(plain.from.first?.adl == nil)
    }

    /// RFC 3501 §6.4.4 FROM: "the envelope structure's FROM field"; comments are not part
    /// of the address (RFC 5322 §3.2.2).
    @Test func searchFromIgnoresCommentsInsideTheAddress() throws {
        let messages = [message(1, "From: <user (comment)@ (comment) domain.org>"), message(2, "From: other@else.example")]
        guard case .search(let command) = try parse("t SEARCH FROM user@domain.org").kind else {
            Issue.record("not a SEARCH")
            return
        }
        let context = IMAPSearchContext(messageCount: 2, largestUID: 2, now: 0)
        #expect(IMAPSearchEvaluator(key: command.key, context: context).filter(messages).map(\.sequenceNumber) == [1])
    }
}

/// RFC 5256 §5 thread-list encoding and the §4 REFERENCES steps on small cases.
@Suite struct ThreadTests {
    private func message(_ n: UInt32, _ header: String) -> TestMessage {
        TestMessage(sequenceNumber: n, uid: n * 10, raw: header + "\r\n\r\nbody\r\n")
    }

    @Test func encodesMembersAndNestedLists() {
        let threads = [IMAPThreadNode(3, [IMAPThreadNode(6, [IMAPThreadNode(4, [IMAPThreadNode(23)]),
                                                            IMAPThreadNode(44, [IMAPThreadNode(7, [IMAPThreadNode(96)])])])]),
                       IMAPThreadNode(nil, [IMAPThreadNode(1), IMAPThreadNode(2)])]
        // The RFC's example "(3 6 (4 23)(44 7 96))", and a dummy root: "((1)(2))".
        #expect(encode(.untagged(.thread(threads))) == "* THREAD (3 6 (4 23)(44 7 96))((1)(2))\r\n")
        #expect(encode(.untagged(.thread([]))) == "* THREAD\r\n")
    }

    @Test func referencesFollowsTheSteps() {
        let messages = [
            message(1, "Subject: a\r\nMessage-ID: <1@x>\r\nDate: 1 Jan 2020 00:00 +0000"),
            message(2, "Subject: Re: a\r\nMessage-ID: <2@x>\r\nIn-Reply-To: <1@x>\r\nDate: 2 Jan 2020 00:00 +0000"),
            // Two replies to a message that is not here: a dummy with two children at the root.
            message(3, "Subject: b\r\nMessage-ID: <3@x>\r\nReferences: <gone@x>\r\nDate: 3 Jan 2020 00:00 +0000"),
            message(4, "Subject: c\r\nMessage-ID: <4@x>\r\nReferences: <gone@x>\r\nDate: 4 Jan 2020 00:00 +0000"),
        ]
        let threads = IMAPThreader.thread(messages, algorithm: .references) { $0.uid }
        #expect(encode(.untagged(.thread(threads))) == "* THREAD (10 20)((30)(40))\r\n")
    }
}

/// RFC 4469 §5 CATENATE syntax.
@Suite struct CatenateParserTests {
    @Test func parsesTextAndURLParts() throws {
        guard case .append(let append) = try parse("a APPEND Drafts (\\Seen) CATENATE (URL \"/INBOX/;UID=1\" TEXT {2+}\r\nhi)").kind else {
            Issue.record("not an APPEND")
            return
        }
        #expect(append.catenate == [.url("/INBOX/;UID=1"), .text(Array("hi".utf8)[...])])
        #expect(append.flags == [.seen] && append.message.isEmpty)
        #expect(parseError("a APPEND Drafts CATENATE (FILE \"x\")")?.message == "unknown CATENATE part FILE")
    }
}
