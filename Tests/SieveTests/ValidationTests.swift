import Testing
@testable import Sieve

@Suite struct ValidationTests {
    private func error(_ source: String) -> SieveCompileError? { Fixture.compileError(source) }

    @Test func extensionMustBeRequired() {
        let e = error("fileinto \"x\";")
        #expect(e?.message == "'fileinto' needs require \"fileinto\"")
        #expect(e?.line == 1 && e?.column == 1)
        #expect(error("if envelope :is \"from\" \"a\" {}")?.message.contains("require \"envelope\"") == true)
        #expect(error("if header :value \"gt\" \"a\" \"b\" {}")?.message.contains("require \"relational\"") == true)
        #expect(error("if address :user \"from\" \"a\" {}")?.message.contains("require \"subaddress\"") == true)
        #expect(error("require \"fileinto\"; fileinto :copy \"a\";")?.message.contains("require \"copy\"") == true)
        #expect(error("keep :flags \"\\\\Seen\";")?.message.contains("require \"imap4flags\"") == true)
        #expect(error("if header :comparator \"i;ascii-numeric\" \"a\" \"1\" {}")?.message
                .contains("require \"comparator-i;ascii-numeric\"") == true)
    }

    @Test func unknownExtension() {
        let e = error("require [\"fileinto\", \"x-unknown\"];")
        #expect(e?.message == "unsupported extension \"x-unknown\"")
        #expect(e?.column == 22)
    }

    @Test func disabledExtensionIsUnsupported() {
        let compiler = SieveCompiler(extensions: [.fileinto])
        #expect(throws: SieveCompileError.self) { try compiler.compile("require \"vacation\";", name: "x") }
    }

    @Test func requireOnlyAtTheTop() {
        let e = error("keep;\nrequire \"fileinto\";")
        #expect(e?.line == 2)
        #expect(e?.message.contains("require must come before") == true)
        #expect(error("if true { require \"fileinto\"; }") != nil)
    }

    @Test func argumentsAreChecked() {
        #expect(error("redirect;")?.message.contains("missing a string") == true)
        #expect(error("redirect 5;")?.message.contains("expects a string here, not a number") == true)
        #expect(error("redirect [\"a@b.c\", \"d@e.f\"];")?.message.contains("not a string list") == true)
        #expect(error("keep \"x\";")?.message.contains("too many arguments") == true)
        #expect(error("if header :foo \"a\" \"b\" {}")?.message.contains("unknown tagged argument ':foo'") == true)
        #expect(error("if header :is :contains \"a\" \"b\" {}")?.message.contains("only one match type") == true)
        #expect(error("if header \"a\" :is \"b\" {}")?.message.contains("must come before") == true)
        #expect(error("if size 10 {}")?.message.contains(":over or :under") == true)
        #expect(error("if size :over \"10\" {}")?.message.contains("expects a number") == true)
        #expect(error("if header :comparator \"i;nope\" \"a\" \"b\" {}")?.message.contains("unknown comparator") == true)
        #expect(error("if address \"subject\" \"a\" {}")?.message.contains("holds no addresses") == true)
        #expect(error("redirect \"not an address\";")?.message.contains("invalid redirect address") == true)
        // RFC 5228 §2.4.2.2: an invalid header name in a test is no error (the test is false,
        // see RFCConformanceTests); editheader still refuses to add one (RFC 5293 §4).
        #expect(error("if exists \"bad name:\" {}") == nil)
        #expect(error("require \"editheader\"; addheader \"bad name:\" \"x\";")?.message.contains("invalid header field name") == true)
    }

    @Test func tagPositionIsReported() {
        let e = error("if header :is\n   :bogus \"a\" \"b\" {}")
        #expect(e?.line == 2 && e?.column == 4)
    }

    @Test func controlStructure() {
        #expect(error("elsif true {}")?.message.contains("must follow 'if'") == true)
        #expect(error("else {}")?.message.contains("must follow 'if'") == true)
        #expect(error("if true keep;")?.message != nil)
        #expect(error("if true;")?.message.contains("needs a block") == true)
        #expect(error("if (true, false) {}")?.message.contains("exactly one test") == true)
        #expect(error("if not (true, true) {}")?.message.contains("exactly one test") == true)
        #expect(error("if allof true {}")?.message.contains("parenthesised") == true)
        #expect(error("keep { }")?.message.contains("takes no block") == true)
        #expect(error("frobnicate;")?.message == "unknown command 'frobnicate'")
        #expect(error("if frob {}")?.message == "unknown test 'frob'")
        #expect(error("true;")?.message.contains("is a test") == true)
    }

    @Test func comparatorMustSupportMatchType() {
        let e = error("require \"comparator-i;ascii-numeric\"; if header :contains :comparator \"i;ascii-numeric\" \"a\" \"1\" {}")
        #expect(e?.message.contains("does not support :contains") == true)
    }

    @Test func relationalOperatorIsChecked() {
        let e = error("require \"relational\"; if header :value \"gx\" \"a\" \"1\" {}")
        #expect(e?.message.contains("unknown relational operator") == true)
    }

    @Test func extensionSpecificChecks() throws {
        #expect(error("require \"variables\"; set \"1bad\" \"x\";")?.message.contains("invalid variable name") == true)
        #expect(error("require \"variables\"; set :lower :upper \"a\" \"x\";")?.message.contains("cannot be combined") == true)
        #expect(error("require \"vacation\"; vacation :seconds 5 \"x\";")?.message.contains("vacation-seconds") == true)
        #expect(error("require \"vacation-seconds\"; vacation :days 1 :seconds 5 \"x\";")?.message.contains("cannot be combined") == true)
        // RFC 5260 §4.2: an unknown date part is a warning (and a false test), not an error.
        #expect(error("require \"date\"; if date \"date\" \"fortnight\" \"x\" {}") == nil)
        #expect(try SieveCompiler.compile("require \"date\"; if date \"date\" \"fortnight\" \"x\" {}", name: "t")
            .warnings.contains { $0.contains("unknown date part \"fortnight\"") })
        #expect(error("require \"date\"; if currentdate :zone \"CET\" \"year\" \"x\" {}")?.message.contains("invalid time zone") == true)
        #expect(error("require \"index\"; if header :last \"a\" \"b\" {}")?.message.contains(":last needs :index") == true)
        #expect(error("require \"include\"; include \"a/b\";")?.message.contains("invalid script name") == true)
        #expect(error("require \"include\"; global \"x\";")?.message.contains("require \"variables\"") == true)
        #expect(error("require \"editheader\"; addheader \"X Bad\" \"v\";")?.message.contains("invalid header field name") == true)
        #expect(error("require \"spamtest\"; if spamtest :percent \"5\" {}")?.message.contains("spamtestplus") == true)
        #expect(error("require \"duplicate\"; if duplicate :header \"a\" :uniqueid \"b\" {}")?.message.contains("cannot be combined") == true)
        #expect(error("require \"body\"; if body :count \"gt\" \"1\" {}") != nil)
        #expect(error("require [\"imap4flags\"]; setflag \"var\" \"\\\\Seen\";")?.message.contains("require \"variables\"") == true)
        #expect(error("require \"envelope\"; if envelope \"reply\" \"x\" {}")?.message.contains("unknown envelope part") == true)
    }

    @Test func encodedCharacterNeedsRequireAndChecksRange() {
        #expect(error("require \"encoded-character\"; if header :is \"a\" \"${unicode:D800}\" {}")?
                .message.contains("invalid unicode") == true)
    }

    @Test func requiredExtensionsAreRecorded() throws {
        let script = try SieveCompiler.compile("require [\"vacation-seconds\", \"fileinto\"];", name: "x")
        #expect(script.requiredExtensions == [.vacationSeconds, .vacation, .fileinto])
    }
}
