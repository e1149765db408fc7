import MailCore
import Testing
@testable import IMAPProtocol

struct TestMessage: IMAPSearchableMessage {
    var sequenceNumber: UInt32
    var uid: UInt32
    var flags: Set<IMAPFlag> = []
    var isRecent = false
    var internalDate = IMAPDateTime(secondsSince1970: 1_700_000_000)
    var size: UInt64 = 1000
    var modSeq: UInt64 = 1
    var raw: String = "Subject: nothing\r\n\r\nempty\r\n"

    func content() -> Message? { Message(raw) }
}

/// Counts content loads, to check that cheap criteria avoid them.
final class LoadCounter: @unchecked Sendable {
    var count = 0
}

struct CountingMessage: IMAPSearchableMessage {
    var sequenceNumber: UInt32 = 1
    var uid: UInt32 = 1
    var flags: Set<IMAPFlag> = []
    var isRecent = false
    var internalDate = IMAPDateTime(secondsSince1970: 0)
    var size: UInt64 = 10
    var modSeq: UInt64 = 1
    let counter: LoadCounter

    func content() -> Message? {
        counter.count += 1
        return Message("Subject: hello\r\n\r\nbody text\r\n")
    }
}

private let context = IMAPSearchContext(messageCount: 10, largestUID: 500, now: 1_700_000_000)

private func search(_ criteria: String, _ messages: [TestMessage]) throws -> [UInt32] {
    guard case .search(let command) = try parse("t SEARCH " + criteria).kind else { return [] }
    return IMAPSearchEvaluator(key: command.key, context: context).filter(messages).map(\.sequenceNumber)
}

@Suite struct SearchTests {
    let messages: [TestMessage] = [
        TestMessage(sequenceNumber: 1, uid: 10, flags: [.seen, .answered], isRecent: false,
                    internalDate: IMAPDateTime(year: 1994, month: 2, day: 1, hour: 23, minute: 30, second: 0, zoneOffsetMinutes: -300)!,
                    size: 500, modSeq: 5,
                    raw: "From: Smith <smith@example.com>\r\nTo: jones@example.org\r\nSubject: Re: Budget\r\nDate: Tue, 01 Feb 1994 23:30:00 -0500\r\nX-Mailer: Foo\r\n\r\nThe budget is fine.\r\n"),
        TestMessage(sequenceNumber: 2, uid: 20, flags: [.flagged, IMAPFlag("$Junk")], isRecent: true,
                    internalDate: IMAPDateTime(year: 1994, month: 2, day: 2, hour: 0, minute: 0, second: 0, zoneOffsetMinutes: 0)!,
                    size: 5000, modSeq: 50,
                    raw: "From: =?UTF-8?B?SsO8cmdlbg==?= <j@x.de>\r\nCc: team@x.de\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?=\r\nDate: 3 Feb 1994 01:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nSch=C3=B6ne Gr=C3=BC=C3=9Fe\r\n"),
        TestMessage(sequenceNumber: 3, uid: 30, flags: [.deleted, .draft], isRecent: true,
                    internalDate: IMAPDateTime(secondsSince1970: 1_700_000_000 - 30),
                    size: 100, modSeq: 500,
                    raw: "From: a@b.c\r\nBcc: hidden@b.c\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+Q2Fm6TwvcD4=\r\n--z\r\nContent-Type: application/octet-stream\r\n\r\nneedle-in-binary\r\n--z--\r\n"),
    ]

    @Test func flags() throws {
        #expect(try search("SEEN", messages) == [1])
        #expect(try search("UNSEEN", messages) == [2, 3])
        #expect(try search("ANSWERED", messages) == [1])
        #expect(try search("UNANSWERED FLAGGED", messages) == [2])
        #expect(try search("DELETED DRAFT", messages) == [3])
        #expect(try search("UNDELETED UNDRAFT UNFLAGGED", messages) == [1])
        #expect(try search("KEYWORD $junk", messages) == [2])
        #expect(try search("UNKEYWORD $Junk", messages) == [1, 3])
        #expect(try search("RECENT", messages) == [2, 3])
        #expect(try search("NEW", messages) == [2, 3])
        #expect(try search("OLD", messages) == [1])
        #expect(try search("ALL", messages) == [1, 2, 3])
    }

    @Test func numbersSizesAndModSeq() throws {
        #expect(try search("2:*", messages) == [2, 3])
        #expect(try search("UID 15:25,30", messages) == [2, 3])
        #expect(try search("UID 400:*", messages) == [])
        #expect(try search("LARGER 500", messages) == [2])
        #expect(try search("SMALLER 500", messages) == [3])
        #expect(try search("MODSEQ 50", messages) == [2, 3])
        #expect(try search("OR SEEN DELETED", messages) == [1, 3])
        #expect(try search("NOT (UNSEEN OR FLAGGED DELETED)", messages) == [1])
    }

    @Test func internalDatesIgnoreTimeAndZone() throws {
        // Message 1 arrived 1-Feb-1994 23:30 -0500 (2-Feb UTC): its date is 1-Feb.
        #expect(try search("ON 1-Feb-1994", messages) == [1])
        #expect(try search("BEFORE 2-Feb-1994", messages) == [1])
        #expect(try search("SINCE 2-Feb-1994", messages) == [2, 3])
        #expect(try search("SINCE 1-Jan-2020", messages) == [3])
        #expect(try search("YOUNGER 60", messages) == [3])
        #expect(try search("OLDER 60", messages) == [1, 2])
    }

    @Test func sentDatesUseTheDateHeader() throws {
        #expect(try search("SENTON 1-Feb-1994", messages) == [1])
        #expect(try search("SENTON 3-Feb-1994", messages) == [2])
        #expect(try search("SENTBEFORE 3-Feb-1994", messages) == [1])
        #expect(try search("SENTSINCE 2-Feb-1994", messages) == [2])
        #expect(try search("NOT SENTSINCE 1-Jan-1900", messages) == [3])
    }

    @Test func headerTextIsDecodedAndCaseInsensitive() throws {
        #expect(try search("FROM smith", messages) == [1])
        #expect(try search("FROM \"jürgen\"", messages) == [2])
        #expect(try search("FROM JÜRGEN", messages) == [2])
        #expect(try search("TO Jones", messages) == [1])
        #expect(try search("CC TEAM", messages) == [2])
        #expect(try search("BCC hidden", messages) == [3])
        #expect(try search("SUBJECT grüße", messages) == [2])
        #expect(try search("SUBJECT budget", messages) == [1])
        #expect(try search("HEADER X-Mailer \"\"", messages) == [1])
        #expect(try search("HEADER x-mailer foo", messages) == [1])
        #expect(try search("HEADER X-Mailer bar", messages) == [])
    }

    @Test func bodyTextIsDecoded() throws {
        #expect(try search("BODY \"schöne\"", messages) == [2])
        #expect(try search("BODY café", messages) == [3])
        #expect(try search("BODY budget", messages) == [1])
        #expect(try search("BODY needle-in-binary", messages) == [])
        #expect(try search("TEXT budget", messages) == [1])
        #expect(try search("TEXT hidden@b.c", messages) == [3])
        #expect(try search("CHARSET UTF-8 TEXT {7}\r\ngrüße", messages) == [2])
    }

    @Test func cheapCriteriaAvoidReadingContent() {
        let counter = LoadCounter()
        let message = CountingMessage(counter: counter)
        let evaluator = IMAPSearchEvaluator(key: .and([.body("text"), .seen]), context: context)
        #expect(!evaluator.matches(message))
        #expect(counter.count == 0)
        let both = IMAPSearchEvaluator(key: .and([.subject("hello"), .body("text"), .text("body")]), context: context)
        #expect(both.matches(message))
        #expect(counter.count == 1)
        #expect(both.needsContent)
        #expect(!IMAPSearchEvaluator(key: .or(.seen, .uid(IMAPSequenceSet([IMAPSequenceRange(1)]))), context: context).needsContent)
        #expect(IMAPSearchKey.not(.or(.seen, .text("x"))).needsMessageBody)
        #expect(!IMAPSearchKey.and([.from("x"), .sentOn(IMAPDate(year: 2000, month: 1, day: 1)!)]).needsMessageBody)
        #expect(IMAPSearchKey.and([.from("x"), .seen]).needsMessageContent)
    }

    @Test func indexedHeaderValuesAnswerWithoutReadingContent() {
        struct Indexed: IMAPSearchableMessage {
            var sequenceNumber: UInt32 = 1, uid: UInt32 = 1, flags: Set<IMAPFlag> = [], isRecent = false
            var internalDate = IMAPDateTime(secondsSince1970: 0), size: UInt64 = 10, modSeq: UInt64 = 1
            let counter: LoadCounter, ids: [String]
            func content() -> Message? { counter.count += 1; return Message("Message-ID: <other@x>\r\n\r\n") }
            func knownHeaderValues(named field: String) -> [String]? { field.lowercased() == "message-id" ? ids : nil }
        }
        let counter = LoadCounter()
        let one = Indexed(counter: counter, ids: ["<Abc@Example.org>"]), none = Indexed(counter: counter, ids: [])
        let exact = IMAPSearchEvaluator(key: .header(field: "Message-ID", value: "<abc@example.org>"), context: context)
        #expect(exact.matches(one) && !exact.matches(none))
        // "" matches every message that has the field (RFC 3501 §6.4.4).
        let present = IMAPSearchEvaluator(key: .header(field: "message-id", value: ""), context: context)
        #expect(present.matches(one) && !present.matches(none))
        #expect(counter.count == 0)
        // Other fields still read the message.
        #expect(!IMAPSearchEvaluator(key: .header(field: "Subject", value: "x"), context: context).matches(one))
        #expect(counter.count == 1)
    }

    @Test func emptyMailboxSequenceSets() {
        let evaluator = IMAPSearchEvaluator(key: .sequenceNumbers(IMAPSequenceSet([IMAPSequenceRange(.number(1), .last)])),
                                            context: IMAPSearchContext(messageCount: 0, largestUID: 0, now: 0))
        #expect(!evaluator.matches(TestMessage(sequenceNumber: 1, uid: 1)))
    }
}

@Suite struct SortTests {
    private func message(_ n: UInt32, _ header: String, size: UInt64 = 100, arrival: Int64 = 0) -> TestMessage {
        TestMessage(sequenceNumber: n, uid: n * 10, internalDate: IMAPDateTime(secondsSince1970: arrival), size: size,
                    raw: crlf(header) + "\r\n\r\nbody\r\n")
    }

    @Test func sortsByEachCriterion() {
        let messages = [
            message(1, "Subject: Re: [list] banana\nFrom: Zed <zed@x>\nTo: b@x\nCc: c2@x\nDate: 2 Jan 2000 00:00 +0000", size: 300, arrival: 30),
            message(2, "Subject: apple\nFrom: amy@x\nTo: c@x\nDate: 1 Jan 2000 23:00 -0200", size: 100, arrival: 10),
            message(3, "Subject: Fwd: Cherry (fwd)\nFrom: \"Bob\" <bob@x>\nTo: a@x\nCc: C1@x", size: 200, arrival: 20),
        ]
        func order(_ criteria: [IMAPSortCriterion]) -> [UInt32] { IMAPSorter.sort(messages, by: criteria).map(\.sequenceNumber) }
        #expect(order([IMAPSortCriterion(.subject)]) == [2, 1, 3])
        #expect(order([IMAPSortCriterion(.subject, reverse: true)]) == [3, 1, 2])
        #expect(order([IMAPSortCriterion(.size)]) == [2, 3, 1])
        #expect(order([IMAPSortCriterion(.arrival)]) == [2, 3, 1])
        #expect(order([IMAPSortCriterion(.from)]) == [2, 3, 1])
        #expect(order([IMAPSortCriterion(.to)]) == [3, 1, 2])
        #expect(order([IMAPSortCriterion(.cc)]) == [2, 3, 1])
        // Message 3 has no Date: its arrival (20) counts; message 2 is 2 Jan 01:00 UTC.
        #expect(order([IMAPSortCriterion(.date)]) == [3, 1, 2])
        #expect(order([IMAPSortCriterion(.displayFrom)]) == [2, 3, 1])
    }

    @Test func tiesFallBackToSequenceNumbers() {
        let messages = [message(3, "Subject: same"), message(1, "Subject: Re: same"), message(2, "Subject: SAME")]
        #expect(IMAPSorter.sort(messages, by: [IMAPSortCriterion(.subject)]).map(\.sequenceNumber) == [1, 2, 3])
        #expect(IMAPSorter.sort(messages, by: [IMAPSortCriterion(.subject, reverse: true)]).map(\.sequenceNumber) == [1, 2, 3])
        #expect(IMAPSorter.sort(messages, by: [IMAPSortCriterion(.size, reverse: true), IMAPSortCriterion(.arrival)]).map(\.sequenceNumber) == [1, 2, 3])
    }
}

@Suite struct BaseSubjectTests {
    @Test(arguments: [
        ("Re: hello", "hello"),
        ("RE: Re: re: hello", "hello"),
        ("Fwd: hello", "hello"),
        ("FW: hello", "hello"),
        ("fw : hello", "hello"),
        ("Re[2]: hello", "hello"),
        ("Re: [list] hello", "hello"),
        ("[list] Re: hello", "hello"),
        ("[list] [other] Re: [x] hello", "hello"),
        ("[list]", "[list]"),
        ("[a] [b]", "[b]"),
        ("hello (fwd)", "hello"),
        ("hello (FWD) (fwd)  ", "hello"),
        ("[Fwd: Re: hello]", "hello"),
        ("[fwd: [fwd: hello (fwd)]]", "hello"),
        ("  hello\t \t world  ", "hello world"),
        ("Re:", ""),
        ("", ""),
        ("Reply to all", "Reply to all"),
        ("re: [fwd: hello]", "hello"),
        ("Refund: x", "Refund: x"),
        ("[]: hello", ": hello"),
    ])
    func rfc5256BaseSubject(_ input: String, _ expected: String) {
        #expect(IMAPBaseSubject.extract(input) == expected)
    }

    @Test func encodedWordsAreDecodedFirst() {
        #expect(IMAPBaseSubject.extract(fromRawValue: Array("=?UTF-8?Q?Re=3A_caf=C3=A9?=".utf8)) == "café")
    }
}
