import Foundation
import Testing
@testable import Sieve

@Suite struct VariablesTests {
    @Test func setAndModifiers() throws {
        let outcome = try Fixture.run("""
            require ["variables", "fileinto"];
            set :upperfirst "a" "hello";
            set :upper :lowerfirst "b" "world";
            set :length "n" "héllo";
            set :quotewildcard "q" "a*b?";
            fileinto "${a}-${b}-${n}-${q}-${missing}-${UNDEFINED.x}";
            """)
        #expect(Fixture.folders(outcome) == ["Hello-wORLD-5-a\\*b\\?--${UNDEFINED.x}"])
    }

    @Test func matchVariables() throws {
        let outcome = try Fixture.run("""
            require ["variables", "fileinto"];
            if header :matches "subject" "* report for *" { fileinto "${1}/${2}/${0}"; }
            """)
        #expect(Fixture.folders(outcome) == ["Weekly/Müller/Weekly report for Müller"])
    }

    @Test func matchVariableIndexes() throws {
        let outcome = try Fixture.run("""
            require ["variables", "fileinto"];
            if header :matches "subject" "Weekly *" { fileinto "${001}|${10000000001}|${9}|"; }
            """)
        #expect(Fixture.folders(outcome) == ["report for Müller|||"])
    }

    @Test func namesAreCaseInsensitive() throws {
        let outcome = try Fixture.run("require [\"variables\", \"fileinto\"]; set \"Box\" \"x\"; fileinto \"${bOX}\";")
        #expect(Fixture.folders(outcome) == ["x"])
    }

    @Test func stringTest() throws {
        let base = "require [\"variables\", \"relational\"]; set \"a\" \"abc\"; set \"e\" \"\";"
        #expect(try Fixture.run(base + "if string :is \"${a}\" \"abc\" { discard; }").implicitKeep == false)
        // RFC 5229 §5: empty strings are not counted.
        #expect(try Fixture.run(base + "if string :count \"eq\" [\"${a}\", \"${e}\"] \"1\" { discard; }").implicitKeep == false)
    }

    @Test func variableSizeIsBounded() throws {
        let limits = SieveLimits(maximumVariableSize: 8)
        let outcome = try Fixture.run("require [\"variables\", \"fileinto\"]; set \"a\" \"0123456789\"; fileinto \"${a}\";",
                                      environment: Fixture.environment(limits: limits))
        #expect(Fixture.folders(outcome) == ["01234567"])
    }

    @Test func encodedCharacter() throws {
        // hex-pair = 1*2HEXDIG (RFC 5228 §2.4.2.4): "4" is U+0004, "414" is not an encoding.
        let outcome = try Fixture.run("require [\"encoded-character\", \"reject\"]; reject \"${hex:41 42 4}${unicode:e9}${hex:414}\";")
        #expect(outcome.actions == [.reject(reason: "AB\u{4}é${hex:414}", extended: false)])
        let plain = try Fixture.run("require \"fileinto\"; fileinto \"${hex:41}\";")
        #expect(Fixture.folders(plain) == ["${hex:41}"])
    }
}

@Suite struct FlagsTests {
    @Test func internalVariableAndFlagsTag() throws {
        let outcome = try Fixture.run("""
            require ["imap4flags", "fileinto"];
            setflag "\\\\Seen \\\\Flagged";
            addflag "$Work";
            removeflag "\\\\flagged";
            fileinto "A";
            fileinto :flags "Custom" "B";
            if hasflag :contains "work" { fileinto "C"; }
            """)
        #expect(outcome.actions == [
            .fileinto(mailbox: "A", flags: ["\\Seen", "$Work"], copy: false, create: false),
            .fileinto(mailbox: "B", flags: ["Custom"], copy: false, create: false),
            .fileinto(mailbox: "C", flags: ["\\Seen", "$Work"], copy: false, create: false),
        ])
    }

    @Test func implicitKeepTakesTheFlags() throws {
        let outcome = try Fixture.run("require \"imap4flags\"; addflag [\"a\", \"b a\"];")
        #expect(outcome.deliveryActions == [.keep(flags: ["a", "b"])])
    }

    @Test func flagVariables() throws {
        let outcome = try Fixture.run("""
            require ["imap4flags", "variables", "relational", "comparator-i;ascii-numeric"];
            addflag "f" "x y";
            addflag "f" "Y z";
            if hasflag :count "eq" :comparator "i;ascii-numeric" "f" "3" { discard; }
            """)
        #expect(outcome.implicitKeep == false)
        #expect(outcome.implicitKeepFlags.isEmpty)
    }
}

@Suite struct RelationalAndSubaddressTests {
    @Test func countHeadersAndAddresses() throws {
        let base = "require [\"relational\", \"comparator-i;ascii-numeric\"];"
        #expect(try Fixture.run(base + "if header :count \"eq\" :comparator \"i;ascii-numeric\" \"x-priority\" \"2\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if address :count \"ge\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] \"3\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if address :count \"gt\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] \"3\" { discard; }").implicitKeep)
    }

    @Test func valueWithCasemapIsLexicographic() throws {
        let s = "require \"relational\"; if header :value \"lt\" \"subject\" \"x\" { discard; }"
        #expect(try Fixture.run(s).implicitKeep == false)
    }

    @Test func userAndDetail() throws {
        let base = "require [\"subaddress\", \"envelope\"];"
        #expect(try Fixture.run(base + "if address :user \"from\" \"alice\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if address :detail \"from\" \"news\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if envelope :detail \"to\" \"lists\" { discard; }", to: "me+lists@example.com").implicitKeep == false)
        // RFC 5233 §4: no separator, no detail: nothing matches, not even "*".
        #expect(try Fixture.run(base + "if envelope :detail :matches \"to\" \"*\" { discard; }").implicitKeep)
        #expect(try Fixture.run(base + "if envelope :detail :is \"to\" \"\" { discard; }", to: "me+@example.com").implicitKeep == false)
    }
}

@Suite struct VacationTests {
    private func vacation(_ outcome: SieveOutcome) -> SieveVacationResponse? {
        for action in outcome.actions { if case .vacation(let v) = action { return v } }
        return nil
    }

    @Test func defaultsAndPeriod() throws {
        let outcome = try Fixture.run("require \"vacation\"; vacation :days 3 \"I am away\";")
        let v = try #require(vacation(outcome))
        #expect(v.recipient == "sender@example.org")
        #expect(v.subject == "Auto: Weekly report for Müller")
        #expect(v.periodSeconds == 3 * 86_400)
        #expect(v.body == .text("I am away"))
        #expect(v.inReplyTo == "<abc123@example.org>")
        #expect(outcome.implicitKeep)
    }

    @Test func secondsSubjectFromHandleMime() throws {
        let env = SieveEnvironment(userAddresses: ["me@example.com"], vacationMinimumPeriod: 0)
        let outcome = try Fixture.run("""
            require "vacation-seconds";
            vacation :seconds 0 :subject "Away" :from "me@example.com" :handle "h1" :mime text:
            Content-Type: text/plain

            back soon
            .
            ;
            """, environment: env)
        let v = try #require(vacation(outcome))
        #expect(v.periodSeconds == 0 && v.subject == "Away" && v.from == "me@example.com" && v.handle == "h1")
        #expect(v.body == .mime("Content-Type: text/plain\r\n\r\nback soon\r\n"))
    }

    @Test func periodIsClamped() throws {
        let v = vacation(try Fixture.run("require \"vacation\"; vacation :days 1000 \"x\";"))
        #expect(v?.periodSeconds == 60 * 86_400)
    }

    @Test func notAddressedToTheUser() throws {
        let outcome = try Fixture.run("require \"vacation\"; vacation \"x\";", to: "someone@else.test",
                                      environment: Fixture.environment(userAddresses: []))
        #expect(vacation(outcome) == nil)
        #expect(outcome.vacationSuppressed?.contains("none of the user's addresses") == true)
        let withAddresses = try Fixture.run("require \"vacation\"; vacation :addresses \"team@example.com\" \"x\";",
                                            to: "someone@else.test", environment: Fixture.environment(userAddresses: []))
        #expect(vacation(withAddresses) != nil)
    }

    @Test func addressesCompareExactly() throws {
        // A subaddress is an address of its own: the user's plain address must be known.
        let outcome = try Fixture.run("require \"vacation\"; vacation \"x\";", to: "me+tag@example.com",
                                      environment: Fixture.environment(userAddresses: []))
        #expect(vacation(outcome) == nil)
        let known = try Fixture.run("require \"vacation\"; vacation \"x\";", to: "me+tag@example.com",
                                    environment: Fixture.environment(userAddresses: ["ME@example.com"]))
        #expect(vacation(known) != nil)
    }

    @Test func neverToListsRobotsOrNullSenders() throws {
        let script = "require \"vacation\"; vacation \"x\";"
        #expect(vacation(try Fixture.run(script, from: "")) == nil)
        #expect(vacation(try Fixture.run(script, from: "MAILER-DAEMON@example.org")) == nil)
        #expect(vacation(try Fixture.run(script, from: "owner-list@example.org")) == nil)
        #expect(vacation(try Fixture.run(script, from: "list-request@example.org")) == nil)
        #expect(vacation(try Fixture.run(script, from: "me@example.com")) == nil)
        for extra in ["Auto-Submitted: auto-replied", "Precedence: bulk", "Precedence: junk", "List-Id: <x.example.org>",
                      "List-Unsubscribe: <mailto:u@example.org>", "List-Archive: <https://lists.example.org/>"] {
            let message = extra + "\r\n" + Fixture.message
            let outcome = try Fixture.run(script, message: message)
            #expect(vacation(outcome) == nil, "\(extra)")
            #expect(outcome.vacationSuppressed != nil)
        }
        let ok = try Fixture.run(script, message: "Auto-Submitted: no\r\n" + Fixture.message)
        #expect(vacation(ok) != nil)
    }

    @Test func onlyOneVacationAndNotWithReject() throws {
        #expect(try Fixture.run("require \"vacation\"; vacation \"a\"; vacation \"b\";").error != nil)
        #expect(try Fixture.run("require [\"vacation\", \"reject\"]; vacation \"a\"; reject \"b\";").error != nil)
    }
}

@Suite struct DateAndIndexTests {
    @Test func dateParts() throws {
        let outcome = try Fixture.run("""
            require ["date", "fileinto", "variables"];
            if date :originalzone :matches "date" "date" "*" { set "d" "${0}"; }
            if date :originalzone :matches "date" "time" "*" { set "t" "${0}"; }
            if date :originalzone :matches "date" "zone" "*" { set "z" "${0}"; }
            if date :zone "+0000" :matches "date" "iso8601" "*" { set "i" "${0}"; }
            if date :matches "date" "hour" "*" { set "h" "${0}"; }
            if date :originalzone :matches "date" "weekday" "*" { set "w" "${0}"; }
            if date :originalzone :matches "date" "julian" "*" { set "j" "${0}"; }
            if date :originalzone :matches "date" "std11" "*" { set "s" "${0}"; }
            fileinto "${d} ${t} ${z} ${i} ${h} ${w} ${j} ${s}";
            """)
        // Date: Tue, 1 Apr 2025 10:30:45 +0200; the fixture's local zone is +0100.
        #expect(Fixture.folders(outcome) == ["2025-04-01 10:30:45 +0200 2025-04-01T08:30:45Z 09 2 60766 Tue, 1 Apr 2025 10:30:45 +0200"])
    }

    @Test func receivedDateAndCurrentDate() throws {
        let base = "require [\"date\", \"relational\"];"
        #expect(try Fixture.run(base + "if date :zone \"+0000\" :is \"received\" \"hour\" \"09\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if currentdate :zone \"+0000\" :is \"date\" \"2025-04-01\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if currentdate :value \"ge\" \"iso8601\" \"2025-04-01T10:33\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if date :is \"subject\" \"year\" \"2025\" { discard; }").implicitKeep)
    }

    @Test func dateParser() {
        let d = SieveDateParser.parse("Mon, 31 Dec 1999 23:59:60 EST (comment)")
        #expect(d?.part("iso8601") == "1999-12-31T23:59:59-05:00")
        #expect(SieveDateParser.parse("31 Feb 2020 10:00 +0000") == nil)
        #expect(SieveDateParser.parse("1 Jan 70 00:00 +0000")?.timestamp == 0)
        #expect(SieveDateParser.parse("garbage") == nil)
    }

    @Test func indexPicksOccurrences() throws {
        let base = "require \"index\";"
        #expect(try Fixture.run(base + "if header :index 1 \"x-priority\" \"3\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if header :index 1 :last \"x-priority\" \"1\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if header :index 2 :last \"x-priority\" \"1\" { discard; }").implicitKeep)
        #expect(try Fixture.run(base + "if header :index 3 \"x-priority\" \"1\" { discard; }").implicitKeep)
        #expect(try Fixture.run(base + "if address :index 1 :domain \"to\" \"example.com\" { discard; }").implicitKeep == false)
    }
}

@Suite struct BodyTests {
    @Test func transforms() throws {
        let base = "require \"body\";"
        let m = Fixture.multipart
        #expect(try Fixture.run(base + "if body :contains \"kittens\" { discard; }", message: m).implicitKeep == false)
        #expect(try Fixture.run(base + "if body :contains \"puppies\" { discard; }", message: m).implicitKeep == false)
        #expect(try Fixture.run(base + "if body :text :contains \"<b>\" { discard; }", message: m).implicitKeep)
        #expect(try Fixture.run(base + "if body :raw :contains \"<b>puppies\" { discard; }", message: m).implicitKeep == false)
        #expect(try Fixture.run(base + "if body :raw :contains \"secret binary\" { discard; }", message: m).implicitKeep)
        #expect(try Fixture.run(base + "if body :content \"application\" :contains \"secret binary\" { discard; }", message: m).implicitKeep == false)
        #expect(try Fixture.run(base + "if body :content \"text/plain\" :contains \"puppies\" { discard; }", message: m).implicitKeep)
        #expect(try Fixture.run(base + "if body :contains \"numbers are in\" { discard; }").implicitKeep == false)
    }
}

@Suite struct MailboxSpamDuplicateTests {
    @Test func mailboxExistsAndCreate() throws {
        let s = "require [\"mailbox\", \"fileinto\"]; if mailboxexists [\"Archive\", \"INBOX\"] { fileinto :create \"New\"; }"
        #expect(try Fixture.run(s).actions == [.fileinto(mailbox: "New", flags: [], copy: false, create: true)])
        #expect(try Fixture.run("require \"mailbox\"; if mailboxexists \"Nope\" { discard; }").implicitKeep)
    }

    @Test func spamtestScale() throws {
        let base = "require [\"spamtestplus\", \"relational\", \"comparator-i;ascii-numeric\"];"
        let ge = base + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\" { discard; }"
        #expect(try Fixture.run(ge, environment: Fixture.environment(spamScore: 5)).implicitKeep == false)
        #expect(try Fixture.run(ge, environment: Fixture.environment(spamScore: 4.4)).implicitKeep)
        #expect(try Fixture.run(base + "if spamtest :is \"0\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if spamtest :percent :is \"55\" { discard; }",
                                environment: Fixture.environment(spamScore: 5.5)).implicitKeep == false)
        #expect(Fixture.environment(spamScore: 1.2).spamTestValue(percent: false) == "2")
        #expect(Fixture.environment(spamScore: -3).spamTestValue(percent: false) == "1")
        #expect(Fixture.environment(spamScore: 99).spamTestValue(percent: true) == "100")
    }

    @Test func duplicateAsksAndRecords() throws {
        let s = "require \"duplicate\"; if duplicate :seconds 60 { discard; }"
        let first = try Fixture.run(s)
        #expect(first.implicitKeep)
        #expect(first.duplicateMarks == [SieveDuplicateMark(key: SieveDuplicateKey(handle: "", uniqueID: "<abc123@example.org>"),
                                                            seconds: 60, last: false)])
        let again = try Fixture.run(s, environment: Fixture.environment(seen: ["<abc123@example.org>"]))
        #expect(again.implicitKeep == false)
        let byHeader = try Fixture.run("require \"duplicate\"; if duplicate :handle \"h\" :header \"subject\" {}")
        #expect(byHeader.duplicateMarks.first?.key.handle == "h")
    }
}

@Suite struct EditHeaderTests {
    @Test func addAndDeleteAreSeenByLaterTests() throws {
        let outcome = try Fixture.run("""
            require ["editheader", "fileinto"];
            addheader "X-Sieve" "filtered";
            addheader :last "X-Tail" "ü";
            deleteheader :index 1 "X-Priority";
            deleteheader "Received";
            if header :is "x-sieve" "filtered" { fileinto "Seen"; }
            if not header :is "x-priority" "3" { fileinto "One"; }
            """)
        #expect(Fixture.folders(outcome) == ["Seen", "One"])
        let header = try #require(outcome.editedHeader)
        #expect(header.first?.name == "X-Sieve")
        #expect(header.last?.value == "=?UTF-8?Q?=C3=BC?=" || header.last?.value.hasPrefix("=?UTF-8?") == true)
        #expect(header.contains { $0.name == "Received" })
        #expect(header.filter { $0.hasName("X-Priority") }.map(\.value) == ["1"])
        #expect(outcome.warnings.count == 1)
        let bytes = SieveHeaderRewriter.apply(header, to: Array(Fixture.message.utf8),
                                              bodyStart: SieveMessage(bytes: Array(Fixture.message.utf8)).message.bodyRange.lowerBound)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("X-Sieve: filtered\r\nReturn-Path:"))
        #expect(text.hasSuffix("\r\n\r\nHello team,\r\nthe numbers are in.\r\n"))
    }

    @Test func deleteWithPatterns() throws {
        let outcome = try Fixture.run("require \"editheader\"; deleteheader :matches \"x-priority\" [\"1\", \"2\"];")
        #expect(outcome.editedHeader?.filter { $0.hasName("X-Priority") }.map(\.value) == ["3"])
    }
}

@Suite struct IncludeTests {
    @Test func personalAndGlobalWithGlobals() throws {
        let env = Fixture.environment(scripts: [
            "personal:lists": "require [\"fileinto\", \"include\", \"variables\"]; global \"box\"; fileinto \"${box}\";",
            "global:spam": "require [\"fileinto\", \"include\"]; fileinto \"Junk\"; return; fileinto \"Never\";",
        ])
        let outcome = try Fixture.run("""
            require ["include", "variables"];
            global "box";
            set "box" "Lists";
            include "lists";
            include :global "spam";
            include :once "lists";
            include :once "lists";
            """, environment: env)
        #expect(outcome.error == nil)
        #expect(Fixture.folders(outcome) == ["Lists", "Junk"])
    }

    @Test func missingRecursiveAndStop() throws {
        #expect(try Fixture.run("require \"include\"; include \"nope\";").error?.message.contains("does not exist") == true)
        #expect(try Fixture.run("require \"include\"; include :optional \"nope\";").error == nil)
        let loop = Fixture.environment(scripts: ["personal:a": "require \"include\"; include \"b\";",
                                                 "personal:b": "require \"include\"; include \"a\";"])
        #expect(try Fixture.run("require \"include\"; include \"a\";", environment: loop).error?.message.contains("includes itself") == true)
        let stopper = Fixture.environment(scripts: ["personal:s": "stop;"])
        #expect(try Fixture.run("require [\"include\"]; include \"s\"; discard;", environment: stopper).implicitKeep)
        let broken = Fixture.environment(scripts: ["personal:x": "fileinto \"a\";"])
        #expect(try Fixture.run("require \"include\"; include \"x\";", environment: broken).error?.message.contains("does not compile") == true)
    }

    @Test func localVariablesStayLocal() throws {
        let env = Fixture.environment(scripts: ["personal:inner": "require [\"variables\", \"fileinto\"]; fileinto \"in-${v}\";"])
        let outcome = try Fixture.run("require [\"include\", \"variables\"]; set \"v\" \"secret\"; include \"inner\";", environment: env)
        #expect(Fixture.folders(outcome) == ["in-"])
    }
}

@Suite struct LimitTests {
    @Test func stepBudgetStopsLoopsOfWork() throws {
        let heavy = String(repeating: "if header :contains \"subject\" \"zzz\" { keep; }\n", count: 200)
        let outcome = try Fixture.run(heavy, environment: Fixture.environment(limits: SieveLimits(maximumSteps: 100)))
        #expect(outcome.error?.message.contains("execution budget") == true)
        #expect(outcome.deliveryActions == [.keep(flags: [])])
    }

    @Test func actionAndRedirectLimits() throws {
        let redirects = (1...5).map { "redirect \"u\($0)@example.com\";" }.joined()
        #expect(try Fixture.run(redirects).error?.message.contains("too many redirects") == true)
        let files = "require \"fileinto\";" + (1...40).map { "fileinto \"f\($0)\";" }.joined()
        #expect(try Fixture.run(files).error?.message.contains("too many actions") == true)
    }

    @Test func includeDepth() throws {
        var scripts: [String: String] = [:]
        for i in 0..<20 { scripts["personal:s\(i)"] = "require \"include\"; include \"s\(i + 1)\";" }
        scripts["personal:s20"] = "keep;"
        let outcome = try Fixture.run("require \"include\"; include \"s0\";", environment: Fixture.environment(scripts: scripts))
        #expect(outcome.error?.message.contains("nest too deep") == true)
    }
}
