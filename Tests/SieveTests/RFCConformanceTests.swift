import Testing
@testable import Sieve

/// Behaviours where the RFC text decides, each written from the section it cites.
@Suite struct RFCConformanceTests {
    /// RFC 5228 §2.4.2.2: "No header will match the string "From:" due to the trailing
    /// colon. Similarly, no header will match a syntactically invalid header name. An
    /// implementation MUST NOT cause an error for syntactically invalid header names in tests."
    @Test func invalidHeaderNamesInTestsAreFalseNotErrors() throws {
        // An empty :contains key matches any value: only a missing field makes it false.
        #expect(try Fixture.run("if header :contains [\"Subject:\", \"bad name\"] \"\" { discard; }").implicitKeep)
        #expect(try Fixture.run("if header :contains [\"Subject:\", \"Subject\"] \"Weekly\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if exists \"Subject:\" { discard; }").implicitKeep)
        #expect(try Fixture.run("if address :all :contains \"From:\" \"\" { discard; }").implicitKeep)
        #expect(try Fixture.run("require \"date\"; if date :contains \"Date:\" \"year\" \"\" { discard; }").implicitKeep)
        // Built at run time: the same answer, and no runtime error either.
        let outcome = try Fixture.run("require \"variables\"; set \"h\" \"Subject:\"; if header :contains \"${h}\" \"\" { discard; }")
        #expect(outcome.implicitKeep && outcome.error == nil)
    }

    /// RFC 5321 §2.4: "The local-part of a mailbox MUST BE treated as case sensitive",
    /// while domains are not; RFC 5228 §2.10.3 merges only true duplicates.
    @Test func redirectLocalPartsAreCaseSensitive() throws {
        let two = try Fixture.run("redirect \"archive@example.com\"; redirect \"Archive@Example.COM\";")
        #expect(two.actions == [.redirect(address: "archive@example.com", copy: false),
                                .redirect(address: "Archive@Example.COM", copy: false)])
        let one = try Fixture.run("redirect \"archive@example.com\"; redirect \"archive@Example.COM\";")
        #expect(one.actions == [.redirect(address: "archive@example.com", copy: false)])
    }

    static let forwarded = """
        From: bob@example.org\r
        To: me@example.com\r
        Subject: fwd\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain\r
        \r
        See attached.\r
        --b1\r
        Content-Type: message/rfc822\r
        \r
        From: carol@example.net\r
        Subject: nested secret\r
        \r
        inner body text\r
        --b1--\r

        """

    /// RFC 5173 §5.2: "If the :content specification matches a message/rfc822 MIME part,
    /// only the header of the nested message will be searched for the key strings […]; the
    /// contents of the nested message body parts are only searched if their content type
    /// matches the :content specification."
    @Test func bodyContentMessageSearchesTheNestedHeader() throws {
        func discarded(_ test: String) throws -> Bool {
            try !Fixture.run("require \"body\"; if \(test) { discard; }", message: Self.forwarded).implicitKeep
        }
        #expect(try discarded("body :content \"message/rfc822\" :contains \"nested secret\""))
        #expect(try discarded("body :content \"message\" :contains \"carol@example.net\""))
        #expect(try !discarded("body :content \"message/rfc822\" :contains \"inner body text\""))
        // The nested message is text/plain: its body is searched for "text".
        #expect(try discarded("body :content \"text\" :contains \"inner body text\""))
    }

    /// RFC 5232 §2: "If a flag validity check fails, the flag MUST be ignored", and \Recent
    /// "or any other special system flag that is not settable in [IMAP]" too.
    @Test func unsettableFlagsAreIgnoredWithAWarning() throws {
        let outcome = try Fixture.run("""
            require ["imap4flags", "fileinto"];
            setflag ["\\\\Recent \\\\Seen", "bad(flag", "ok", "\\\\Custom", "ünï", "a]b"];
            fileinto :flags "\\\\recent \\\\Flagged %x" "A";
            """)
        #expect(outcome.implicitKeepFlags == ["\\Seen", "ok"])
        #expect(outcome.actions == [.fileinto(mailbox: "A", flags: ["\\Flagged"], copy: false, create: false)])
        #expect(outcome.warnings.count == 2)
        #expect(outcome.warnings.first?.contains("\\Recent") == true)
        #expect(outcome.warnings.last?.contains("%x") == true)
        let valid = try Fixture.run("require \"imap4flags\"; addflag \"$Label1 \\\\Answered \\\\Draft \\\\Deleted\";")
        #expect(valid.implicitKeepFlags == ["$Label1", "\\Answered", "\\Draft", "\\Deleted"])
        #expect(valid.warnings.isEmpty)
    }

    /// RFC 5228 §2.10.3: "Implementations SHOULD NOT deliver a message to the same mailbox
    /// more than once": `fileinto :copy "INBOX"` and the implicit keep are one store.
    @Test func copyIntoInboxAndImplicitKeepAreOneStore() throws {
        let plain = try Fixture.run("require [\"fileinto\", \"copy\"]; fileinto :copy \"INBOX\";")
        #expect(plain.implicitKeep)
        #expect(Fixture.folders(plain) == ["INBOX"])
        let flagged = try Fixture.run("""
            require ["fileinto", "copy", "imap4flags"];
            fileinto :copy :flags "\\\\Flagged" "inbox";
            fileinto "A";
            addflag "\\\\Seen";
            """)
        // The plain fileinto "A" cancels the implicit keep: the INBOX copy is the explicit one.
        #expect(flagged.deliveryActions == [
            .fileinto(mailbox: "inbox", flags: ["\\Flagged"], copy: true, create: false),
            .fileinto(mailbox: "A", flags: [], copy: false, create: false),
        ])
        let merged = try Fixture.run("""
            require ["fileinto", "copy", "imap4flags"];
            fileinto :copy :flags "\\\\Flagged" "inbox";
            addflag "\\\\Seen";
            """)
        #expect(merged.deliveryActions == [.fileinto(mailbox: "inbox", flags: ["\\Flagged", "\\Seen"], copy: true, create: false)])
    }

    /// RFC 5232 §3: "when keep/fileinto is used multiple times in a script and duplicate
    /// message elimination is performed (as described in Section 2.10.3 of [SIEVE]), the
    /// last flag list value MUST win."
    @Test func lastFlagListWinsWhenStoresMerge() throws {
        let outcome = try Fixture.run("""
            require ["fileinto", "imap4flags"];
            fileinto :flags "a" "A"; fileinto :flags "b c" "A";
            keep :flags "x"; setflag "y"; keep;
            """)
        #expect(outcome.actions == [.fileinto(mailbox: "A", flags: ["b", "c"], copy: false, create: false),
                                    .keep(flags: ["y"])])
    }

    /// RFC 5260 §4.2 lists the date parts; an unknown one is a warning and a false test
    /// (Pigeonhole's behaviour, which existing scripts rely on), never a compile error.
    @Test func unknownDatePartIsAWarningAndFalse() throws {
        let script = "require [\"date\", \"relational\"]; if date :count \"eq\" \"date\" \"fortnight\" \"0\" { discard; }"
        let outcome = try Fixture.run(script)
        #expect(outcome.implicitKeep)
        #expect(outcome.warnings.contains { $0.contains("unknown date part \"fortnight\"") })
        #expect(try SieveCompiler.compile(script, name: "t").warnings.count == 1)
        #expect(try Fixture.run("require \"date\"; if not currentdate :is \"weekyear\" \"1\" { discard; }").implicitKeep == false)
        let runtime = try Fixture.run("require [\"date\", \"variables\"]; set \"p\" \"Year\"; if date :is \"date\" \"${p}\" \"2025\" { discard; }")
        #expect(runtime.implicitKeep == false)  // a known part, whatever its case
    }
}

/// Vacation periods within the site's bounds (RFC 5230 §4.1, RFC 6131).
@Suite struct VacationLimitTests {
    private func period(_ source: String, _ environment: SieveEnvironment) throws -> Int? {
        for action in try Fixture.run(source, environment: environment).actions {
            if case .vacation(let v) = action { return v.periodSeconds }
        }
        return nil
    }

    /// "If the parameter given to ":days" is less than the minimum value, then the minimum
    /// value is used instead. If ":days" exceeds the site-defined maximum, the
    /// site-defined maximum is used instead." Without :days: "either 7 or the minimum
    /// value […], whichever is greater".
    @Test func daysAreClampedToTheSiteBounds() throws {
        let env = SieveEnvironment(userAddresses: ["me@example.com"], vacationMinimumPeriod: 2 * 86_400,
                                   vacationMaximumPeriod: 10 * 86_400)
        #expect(try period("require \"vacation\"; vacation :days 1 \"x\";", env) == 2 * 86_400)
        #expect(try period("require \"vacation\"; vacation :days 30 \"x\";", env) == 10 * 86_400)
        #expect(try period("require \"vacation\"; vacation :days 5 \"x\";", env) == 5 * 86_400)
        #expect(try period("require \"vacation\"; vacation \"x\";", env) == 7 * 86_400)
        let high = SieveEnvironment(userAddresses: ["me@example.com"], vacationMinimumPeriod: 9 * 86_400)
        #expect(try period("require \"vacation\"; vacation \"x\";", high) == 9 * 86_400)
    }

    /// `:seconds` has bounds of its own; by default those of :days.
    @Test func secondsHaveTheirOwnBounds() throws {
        let env = SieveEnvironment(userAddresses: ["me@example.com"], vacationSecondsMinimum: 60, vacationSecondsMaximum: 3600)
        #expect(try period("require \"vacation-seconds\"; vacation :seconds 1 \"x\";", env) == 60)
        #expect(try period("require \"vacation-seconds\"; vacation :seconds 600 \"x\";", env) == 600)
        #expect(try period("require \"vacation-seconds\"; vacation :seconds 7200 \"x\";", env) == 3600)
        #expect(try period("require \"vacation-seconds\"; vacation :days 1 \"x\";", env) == 86_400)
        let defaults = SieveEnvironment(userAddresses: ["me@example.com"])
        #expect(try period("require \"vacation-seconds\"; vacation :seconds 60 \"x\";", defaults) == 86_400)
    }
}
