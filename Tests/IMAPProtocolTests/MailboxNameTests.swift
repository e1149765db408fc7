import MailCore
import Testing
@testable import IMAPProtocol

@Suite struct ModifiedUTF7Tests {
    @Test func rfc3501Example() throws {
        #expect(try ModifiedUTF7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == "~peter/mail/台北/日本語")
        #expect(ModifiedUTF7.encode("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
    }

    @Test func ampersandAndCommonNames() throws {
        #expect(ModifiedUTF7.encode("A&B") == "A&-B")
        #expect(try ModifiedUTF7.decode("A&-B") == "A&B")
        #expect(ModifiedUTF7.encode("Entwürfe") == "Entw&APw-rfe")
        #expect(ModifiedUTF7.encode("Éléments envoyés") == "&AMk-l&AOk-ments envoy&AOk-s")
        #expect(try ModifiedUTF7.decode("&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-") == "Отправленные")
        #expect(ModifiedUTF7.encode("Отправленные") == "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-")
    }

    @Test func astralCharactersUseSurrogatePairs() throws {
        let name = "Fun 😀 stuff"
        let encoded = ModifiedUTF7.encode(name)
        #expect(encoded == "Fun &2D3eAA- stuff")
        #expect(try ModifiedUTF7.decode(encoded) == name)
    }

    @Test func roundTripsEveryKindOfText() throws {
        for name in ["", "INBOX", "a/b/c", "&&&", "日本語&テスト", "tab\tin", "ü", "üü", "ü&ü", "x\u{7F}y", "\u{0}"] {
            #expect(try ModifiedUTF7.decode(ModifiedUTF7.encode(name)) == name, "\(name)")
        }
    }

    @Test(arguments: ["&", "&AMk", "&AGE-", "&AMk-&AOk-", "&Jjo!", "&2D0-", "&AM-", "caf\u{E9}", "tab\there", "&AMl-", "&,,,,-"])
    func strictDecodingRefuses(_ input: String) {
        #expect(throws: ModifiedUTF7.DecodingError.self) { try ModifiedUTF7.decode(input) }
    }
}

@Suite struct MailboxNameTests {
    @Test func inboxNormalisation() {
        #expect(IMAPMailboxName(encoded: "inbox").isInbox)
        #expect(IMAPMailboxName(encoded: "InBoX/Work").encoded == "INBOX/Work")
        #expect(IMAPMailboxName(encoded: "Inboxes").encoded == "Inboxes")
        #expect(IMAPMailboxName(decoded: "Entwürfe").encoded == "Entw&APw-rfe")
        #expect(IMAPMailboxName(encoded: "Entw&APw-rfe").decoded == "Entwürfe")
        #expect(IMAPMailboxName(encoded: "a/b/c").parent == IMAPMailboxName(encoded: "a/b"))
        #expect(IMAPMailboxName(encoded: "a").parent == nil)
        #expect(IMAPMailboxName(encoded: "a/b").isDescendant(of: IMAPMailboxName(encoded: "a")))
        #expect(!IMAPMailboxName(encoded: "ab").isDescendant(of: IMAPMailboxName(encoded: "a")))
        #expect(IMAPMailboxName(encoded: "foo/").droppingTrailingDelimiter == IMAPMailboxName(encoded: "foo"))
    }

    @Test func validNamesPass() throws {
        #expect(try IMAPMailboxName(encoded: "Archive/2024/Q1").validate() == "Archive/2024/Q1")
        #expect(try IMAPMailboxName(encoded: "&U,BTFw-").validate() == "台北")
        #expect(try IMAPMailboxName(encoded: "Project~2 (old).x").validate() == "Project~2 (old).x")
    }

    @Test(arguments: [
        ("", "empty"),
        ("../etc", "\"..\""),
        ("a/../b", "\"..\""),
        ("a/./b", "\"..\""),
        ("/abs", "starts with the hierarchy delimiter"),
        ("a//b", "empty level"),
        ("a/", "empty level"),
        ("~root", "~"),
        ("a/~x", "~"),
        ("a*b", "wildcard"),
        ("a%", "wildcard"),
        ("caf\u{E9}", "not valid modified UTF-7"),
        ("&AGE-", "not valid modified UTF-7"),
        ("&AAA-", "control character"),
        ("&AB8-", "control character"),
        ("a/ /b", "only spaces"),
    ])
    func invalidNamesAreRefused(_ input: String, _ reason: String) {
        do {
            _ = try IMAPMailboxName(encoded: input).validate()
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.reason.contains(reason), "\(input): \(error.reason)")
        }
    }

    @Test func lengthAndDepthLimits() {
        let long = String(repeating: "a", count: 256)
        #expect(throws: IMAPMailboxNameError.self) { try IMAPMailboxName(encoded: long).validate() }
        let deep = Array(repeating: "a", count: 17).joined(separator: "/")
        #expect(throws: IMAPMailboxNameError.self) { try IMAPMailboxName(encoded: deep).validate() }
        #expect(throws: IMAPMailboxNameError.self) {
            try IMAPMailboxName(encoded: "a.b").validate(rules: IMAPMailboxNameRules(forbiddenCharacters: ["."]))
        }
        // 100 Chinese characters: 300 octets of UTF-8, more in modified UTF-7.
        let wide = IMAPMailboxName(decoded: String(repeating: "北", count: 100))
        #expect(throws: IMAPMailboxNameError.self) { try wide.validate() }
    }
}

@Suite struct MailboxPatternTests {
    func matches(_ pattern: String, _ name: String, reference: String = "") -> Bool {
        IMAPMailboxPattern(reference: reference, pattern: pattern)?.matches(name) ?? false
    }

    @Test func wildcards() {
        #expect(matches("*", "a/b/c"))
        #expect(matches("%", "a"))
        #expect(!matches("%", "a/b"))
        #expect(matches("a/%", "a/b"))
        #expect(!matches("a/%", "a/b/c"))
        #expect(matches("a/*", "a/b/c"))
        #expect(!matches("a/*", "a"))
        #expect(matches("a*", "a"))
        #expect(matches("*b", "a/b"))
        #expect(matches("%/%/c", "x/y/c"))
        #expect(!matches("%/c", "x/y/c"))
        #expect(matches("", ""))
        #expect(!matches("", "a"))
        #expect(matches("Fo%o", "Foxyzo"))
        #expect(!matches("Fo%o", "Fox/o"))
    }

    @Test func referenceAndInbox() {
        #expect(matches("%", "Work/a", reference: "Work/"))
        #expect(matches("/x", "Work/x", reference: "Work/"))
        #expect(matches("inbox", "INBOX"))
        #expect(matches("iN*", "INBOX"))
        #expect(matches("INBOX/%", "INBOX/Sub"))
        #expect(matches("inbox/%", "INBOX/Sub"))
        #expect(!matches("in*", "Inside"))
        #expect(matches("&U,BTFw-/*", "台北/x"))
    }

    @Test func descendants() {
        let pattern = IMAPMailboxPattern(reference: "", pattern: "a/%/c")!
        #expect(pattern.mayMatchDescendant(of: "a"))
        #expect(pattern.mayMatchDescendant(of: "a/b"))
        #expect(!pattern.mayMatchDescendant(of: "a/b/c"))
        #expect(!pattern.mayMatchDescendant(of: "x"))
        #expect(IMAPMailboxPattern(reference: "", pattern: "*")!.mayMatchDescendant(of: "anything"))
        #expect(!IMAPMailboxPattern(reference: "", pattern: "%")!.mayMatchDescendant(of: "top"))
    }

    @Test func pathologicalPatternsStayFast() {
        let pattern = String(repeating: "*a", count: 200) + "b"
        let name = String(repeating: "a", count: 255)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<20 { #expect(!matches(pattern, name)) }
        }
        #expect(elapsed < .seconds(5))
        #expect(IMAPMailboxPattern(reference: "", pattern: String(repeating: "x", count: 5000)) == nil)
    }
}

@Suite struct SequenceSetTests {
    @Test func parseAndPrint() {
        #expect(IMAPSequenceSet.parse(bytes("1:*,5,7:9"))?.description == "1:*,5,7:9")
        #expect(IMAPSequenceSet.parse(bytes("4:2"))?.ranges == [IMAPSequenceRange(.number(4), .number(2))])
        for bad in ["", "0", "1,", ",1", "1::2", "a", "1:0", "4294967296", "1:2:3", "-1"] {
            #expect(IMAPSequenceSet.parse(bytes(bad)) == nil, "\(bad)")
        }
        #expect(IMAPSequenceSet.parse(bytes("4294967295"))?.description == "4294967295")
    }

    @Test func resolution() {
        let set = IMAPSequenceSet.parse(bytes("2,4:7,9,12:*"))!
        #expect(set.resolveSequenceNumbers(messageCount: 15)?.description == "2,4:7,9,12:15")
        #expect(set.resolveSequenceNumbers(messageCount: 10) == nil)
        #expect(IMAPSequenceSet.parse(bytes("*"))!.resolveSequenceNumbers(messageCount: 0) == nil)
        #expect(IMAPSequenceSet.parse(bytes("*:4,5:7"))!.resolveSequenceNumbers(messageCount: 10)?.description == "4:10")
        #expect(IMAPSequenceSet.parse(bytes("3291:*"))!.resolveUIDs(largestUID: 100).description == "100:3291")
    }

    @Test func numberSets() {
        let set = IMAPNumberSet(ranges: [5...9, 1...2, 3...3, 20...20, 8...12])
        #expect(set.ranges == [1...3, 5...12, 20...20])
        #expect(set.count == 12)
        #expect(set.contains(12) && set.contains(1) && !set.contains(4) && !set.contains(13) && !set.contains(21))
        #expect(Array(set) == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 20])
        #expect(set.filter(sorted: [1, 4, 6, 13, 20, 30]) == [1, 6, 20])
        #expect(set.filter(sorted: []) == [])
        #expect(IMAPNumberSet(ranges: [2...3, 10...11]).filter(sorted: [1, 2, 3, 4, 10, 11, 12]) == [2, 3, 10, 11])
        #expect(IMAPNumberSet(ranges: [50...60]).filter(sorted: [1, 2, 3]) == [])
        #expect(IMAPNumberSet(ranges: [1...UInt32.max]).filter(sorted: [3, 7, UInt32.max]) == [3, 7, UInt32.max])
        let huge = IMAPNumberSet(ranges: [1...UInt32.max])
        #expect(huge.count == UInt64(UInt32.max))
        #expect(huge.contains(UInt32.max))
        #expect(Array(IMAPNumberSet(ranges: [UInt32.max - 1...UInt32.max])) == [UInt32.max - 1, UInt32.max])
        #expect(IMAPNumberSet(ranges: [UInt32.max...UInt32.max, 0...UInt32.max]).ranges == [0...UInt32.max])
    }

    @Test func compactingKeepsOrder() {
        #expect(IMAPSequenceSet(compacting: [1, 2, 3, 5, 7, 8]).description == "1:3,5,7:8")
        #expect(IMAPSequenceSet(compacting: [5, 1, 2]).description == "5,1:2")
        #expect(IMAPSequenceSet(compacting: [UInt32.max, 1]).description == "4294967295,1")
        #expect(IMAPSequenceSet(compacting: []).isEmpty)
    }
}

@Suite struct DateTests {
    @Test func dateTimeRoundTrip() {
        let d = IMAPDateTime.parse(bytes("17-Jul-1996 02:44:25 -0700"))!
        #expect(d.secondsSince1970 == 837_596_665)
        #expect(d.description == "17-Jul-1996 02:44:25 -0700")
        #expect(IMAPDateTime.parse(bytes(" 1-Jan-2000 00:00:00 +0000"))?.secondsSince1970 == 946_684_800)
        #expect(IMAPDateTime.parse(bytes("1-Jan-2000 00:00:00 +0000"))?.description == " 1-Jan-2000 00:00:00 +0000")
        #expect(IMAPDateTime(secondsSince1970: 0, zoneOffsetMinutes: -60).description == "31-Dec-1969 23:00:00 -0100")
        #expect(IMAPDateTime(secondsSince1970: 951_782_400).date == IMAPDate(year: 2000, month: 2, day: 29))
        for bad in ["17-Jul-1996 02:44:25", "17-Jux-1996 02:44:25 -0700", "29-Feb-2001 00:00:00 +0000", "17-Jul-1996 24:00:00 +0000",
                    "17-Jul-1996 02:44:25 +0760", "17-Jul-96 02:44:25 -0700", ""] {
            #expect(IMAPDateTime.parse(bytes(bad)) == nil, "\(bad)")
        }
    }

    @Test func dates() {
        #expect(IMAPDate.parse(bytes("1-Feb-1994")) == IMAPDate(year: 1994, month: 2, day: 1))
        #expect(IMAPDate.parse(bytes("01-feb-1994")) == IMAPDate(year: 1994, month: 2, day: 1))
        #expect(IMAPDate.parse(bytes("1-Feb-94")) == nil)
        #expect(IMAPDate(year: 2024, month: 2, day: 30) == nil)
        #expect(IMAPDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(IMAPDate(dayNumber: -1) == IMAPDate(year: 1969, month: 12, day: 31))
        #expect(IMAPDate(year: 1994, month: 2, day: 1)!.description == "1-Feb-1994")
    }

    @Test func rfc5322Dates() {
        let d = RFC5322Date("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)")!
        #expect(d.date == IMAPDate(year: 1996, month: 7, day: 17))
        #expect(d.instant.secondsSince1970 == 837_595_405)
        #expect(RFC5322Date("31 Dec 2000 16:01:33 -0800")?.instant.secondsSince1970 == IMAPDateTime(year: 2001, month: 1, day: 1, hour: 0, minute: 1, second: 33, zoneOffsetMinutes: 0)?.secondsSince1970)
        #expect(RFC5322Date("1 Jan 70 00:00 GMT")?.date == IMAPDate(year: 1970, month: 1, day: 1))
        #expect(RFC5322Date("Tue, 1 July 2003 10:52:37 EST")?.instant.secondsSince1970 == 1_057_074_757)
        #expect(RFC5322Date("5 Nov 2003 garbage")?.instant.secondsSince1970 == 1_067_990_400)
        #expect(RFC5322Date("not a date") == nil)
        #expect(RFC5322Date("") == nil)
    }
}

@Suite struct ExtremeValueTests {
    @Test func extremeInstantsAreClampedNotCrashing() {
        let far = IMAPDateTime(secondsSince1970: .max, zoneOffsetMinutes: 1439)
        #expect(far.description.hasPrefix("31-Dec-9999"))
        let early = IMAPDateTime(secondsSince1970: .min, zoneOffsetMinutes: -1439)
        #expect(early.date.year == 1)
        #expect(IMAPDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, zoneOffsetMinutes: 0)?.description == "31-Dec-9999 23:59:59 +0000")
    }

    @Test func hugeLimitsDoNotOverflow() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: .max, maximumLiteralSize: .max,
                                                                maximumAppendSize: .max, maximumCommandSize: .max))
        reader.append(bytes("a APPEND INBOX {9223372036854775807}\r\n"))
        if case .rejected = reader.nextCommand() {} else { Issue.record("expected a rejection") }
        reader.append(bytes("b APPEND INBOX {1099511627776}\r\n"))
        if case .continuationRequired(let r) = reader.nextCommand() { #expect(r.size == 1 << 40) } else { Issue.record("expected a continuation") }
    }
}
