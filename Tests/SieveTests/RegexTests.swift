import Testing
@testable import Sieve

/// The `:regex` match type, from draft-ietf-sieve-regex-01 (../shared/rfc/extra).
@Suite struct RegexTests {
    private func discarded(_ test: String, _ requires: String = "\"regex\"",
                           environment: SieveEnvironment = Fixture.environment()) throws -> Bool {
        try !Fixture.run("require [\(requires)]; if \(test) { discard; }", environment: environment).implicitKeep
    }

    private func folders(_ source: String, message: String = Fixture.message) throws -> [String] {
        Fixture.folders(try Fixture.run(source, message: message))
    }

    /// §3 and §4: the capability "regex" brings the MATCH-TYPE ":regex".
    @Test func needsTheCapability() {
        #expect(Fixture.compileError("if header :regex \"subject\" \"x\" {}")?.message.contains("require \"regex\"") == true)
        #expect(SieveExtension.capabilityString().split(separator: " ").contains("regex"))
        #expect(Fixture.compileError("require \"regex\"; if header :regex :matches \"subject\" \"x\" {}")?
            .message.contains("only one match type") == true)
    }

    /// §6: POSIX extended regular expressions: anchors, brackets, classes, quantifiers,
    /// alternation, searched anywhere in the value.
    @Test func extendedRegularExpressions() throws {
        #expect(try discarded("header :regex \"subject\" \"^Weekly report\""))
        #expect(try discarded("header :regex \"subject\" \"report for M.+ller$\""))
        #expect(try discarded("header :regex \"x-priority\" \"^[[:digit:]]{1}$\""))
        #expect(try discarded("header :regex \"subject\" \"(monthly|weekly) rep(o|0)rt\""))
        #expect(try !discarded("header :regex \"subject\" \"^report\""))
        #expect(try discarded("address :regex :domain \"from\" \"^example\\\\.(org|net)$\""))
        #expect(try !discarded("address :regex :domain \"from\" \"^example\\\\.com$\""))
    }

    /// §5: the comparator only decides case handling: i;ascii-casemap (the default) folds
    /// ASCII letters, i;octet compares octets, and a comparator without normalization
    /// (i;ascii-numeric) is an error.
    @Test func comparatorDrivesCase() throws {
        #expect(try discarded("header :regex \"subject\" \"^WEEKLY\""))
        #expect(try !discarded("header :regex :comparator \"i;octet\" \"subject\" \"^WEEKLY\""))
        #expect(try discarded("header :regex :comparator \"i;octet\" \"subject\" \"^Weekly\""))
        // The draft's example: an all-upper-case subject, with a class that i;octet keeps.
        #expect(try !discarded("header :regex :comparator \"i;octet\" \"subject\" \"^[^[:lower:]]+$\""))
        let numeric = Fixture.compileError(
            "require [\"regex\", \"comparator-i;ascii-numeric\"]; if header :regex :comparator \"i;ascii-numeric\" \"x\" \"1\" {}")
        #expect(numeric?.message.contains("does not support :regex") == true)
    }

    /// §7.1: with "variables", ${1}… are the groups in the order of their opening
    /// parenthesis, matching greedily; ${0} is the whole match (RFC 5229 §3.2).
    @Test func matchVariables() throws {
        #expect(try folders("""
            require ["regex", "variables", "fileinto"];
            if header :regex "from" "<([^+@]+)\\\\+([^@]+)@(.*)>" { fileinto "${1}|${2}|${3}|${0}"; }
            """) == ["alice|news|example.org|<alice+news@example.org>"])
        let list = "Subject: [acme-users] [fwd] version 1.0 is out\r\n\r\nbody\r\n"
        #expect(try folders("""
            require ["regex", "variables", "fileinto"];
            if header :regex "subject" "^\\\\[(.*)\\\\] (.*)$" { fileinto "${1}/${2}"; }
            """, message: list) == ["acme-users] [fwd/version 1.0 is out"])
        // A group that took no part is empty; a failed test leaves the variables alone.
        #expect(try folders("""
            require ["regex", "variables", "fileinto"];
            if header :regex "subject" "^(x)?(Weekly)" { set "a" "${1}-${2}"; }
            if header :regex "subject" "^(nothing)" { set "a" "changed"; }
            fileinto "${a}-${2}";
            """) == ["-Weekly-Weekly"])
    }

    /// §6: back-references, word boundaries and anything beyond IEEE 1003.2 EREs "SHOULD"
    /// be rejected "as a syntax error"; a pattern regcomp refuses is a compile error too.
    @Test func unsupportedOrInvalidPatternsDoNotCompile() {
        func error(_ pattern: String) -> SieveCompileError? {
            Fixture.compileError("require \"regex\";\nif header :regex \"subject\" \"\(pattern)\" {}")
        }
        #expect(error("(a)\\\\1")?.message.contains("back-references") == true)
        #expect(error("\\\\bword")?.message.contains("not a POSIX extended regular expression") == true)
        #expect(error("\\\\<word")?.message.contains("not a POSIX extended regular expression") == true)
        #expect(error("\\\\w+")?.message.contains("not a POSIX extended regular expression") == true)
        let unbalanced = error("a(b")
        #expect(unbalanced?.message.contains("invalid regular expression") == true)
        #expect(unbalanced?.line == 2 && unbalanced?.column == 28)
        #expect(error("[z-a]") != nil)
        // Inside a bracket expression a backslash is an ordinary character.
        #expect(error("[\\\\1w]") == nil)
        #expect(error("a\\\\.b\\\\*") == nil)
        #expect(Fixture.compileError("require [\"regex\", \"editheader\"]; deleteheader :regex \"x\" \"(\";") != nil)
    }

    /// §10: implementations "MUST take appropriate steps to limit the impact of runaway
    /// regular expression evaluation": a pattern length limit (compile time; a pattern
    /// built from variables matches nothing) and an input length limit.
    @Test func limits() throws {
        let limits = SieveLimits(maximumRegexPatternLength: 8, maximumRegexInputLength: 4)
        let compiler = SieveCompiler(limits: limits)
        #expect(throws: SieveCompileError.self) {
            try compiler.compile("require \"regex\"; if header :regex \"subject\" \"123456789\" {}", name: "t")
        }
        #expect((try? compiler.compile("require \"regex\"; if header :regex \"subject\" \"12345678\" {}", name: "t")) != nil)
        let environment = Fixture.environment(limits: limits)
        let long = try Fixture.run("""
            require ["regex", "variables"];
            set "p" "123456789";
            if string :regex "x" "${p}" { discard; }
            """, environment: environment)
        #expect(long.error == nil && long.implicitKeep)
        #expect(long.warnings.contains { $0.contains("limit is 8") })
        // Only the first 4 bytes of "aaaab" are searched.
        let vars = "\"regex\", \"variables\""
        #expect(try !discarded("string :regex \"aaaab\" \"b$\"", vars, environment: environment))
        #expect(try discarded("string :regex \"aaaab\" \"^a{4}$\"", vars, environment: environment))
        let warned = try Fixture.run("require [\(vars)]; if string :regex \"aaaab\" \"b\" {}", environment: environment)
        #expect(warned.warnings.contains { $0.contains("first 4 bytes") })
    }

    /// A key built from variables is compiled when run; an invalid one matches nothing,
    /// with a warning, and the script goes on (Pigeonhole's behaviour; the draft leaves it
    /// open): message text in a pattern cannot make the script fail.
    @Test func invalidRuntimePatternMatchesNothing() throws {
        let outcome = try Fixture.run("""
            require ["regex", "variables", "fileinto"];
            set "p" "(";
            if header :regex "subject" ["${p}", "^Weekly"] { fileinto "A"; }
            if header :regex "subject" "${p}" { fileinto "B"; }
            """)
        #expect(outcome.error == nil)
        #expect(Fixture.folders(outcome) == ["A"])
        #expect(outcome.warnings.count == 2 && outcome.warnings.allSatisfy { $0.contains("invalid regular expression") })
    }

    /// §7.2: `:quoteregex` escapes every special character so the text matches itself.
    @Test func quoteRegexModifier() throws {
        #expect(Fixture.compileError("require \"variables\"; set :quoteregex \"q\" \"a\";")?.message.contains("require \"regex\"") == true)
        #expect(Fixture.compileError("require [\"variables\", \"regex\"]; set :quoteregex :quotewildcard \"q\" \"a\";") != nil)
        #expect(try folders("""
            require ["regex", "variables", "fileinto"];
            set :quoteregex "q" "a.b*(c)|[d]{1}^$?+\\\\";
            fileinto "${q}";
            """) == ["a\\.b\\*\\(c\\)\\|\\[d\\]\\{1\\}\\^\\$\\?\\+\\\\"])
        let vars = "\"regex\", \"variables\""
        #expect(try discarded("string :regex \"x a.b* y\" \"${q}\"".replacingOccurrences(of: "${q}", with: "a\\\\.b\\\\*"), vars))
        let source = """
            require ["regex", "variables"];
            set :quoteregex "q" "a.b*";
            if string :regex "axbb" "${q}" { discard; }
            """
        #expect(try Fixture.run(source).implicitKeep)
    }

    /// Values are octets: a NUL decoded from a header does not end the text early.
    @Test func matchesWithoutVariablesAndPastNul() throws {
        #expect(try discarded("string :regex \"a${hex:00}b\" \"b$\"", "\"regex\", \"variables\", \"encoded-character\""))
        #expect(try discarded("body :regex :raw \"numbers are in\\\\.\"", "\"regex\", \"body\""))
    }
}
