import Testing
@testable import Sieve

@Suite struct SyntaxErrorTests {
    private func error(_ source: String) -> SieveCompileError? { Fixture.compileError(source) }

    @Test func missingSemicolonReportsWhereTheNextTokenIs() {
        let e = error("keep\n\"x\";")
        #expect(e?.line == 2 && e?.column == 1)
        #expect(e?.message.contains("too many arguments") == true)
        let f = error("stop\n  [\"a\"] {")
        #expect(f?.line == 2 && f?.column == 10)
        #expect(f?.message.contains("missing '}' to close the block opened at line 2, column 9") == true)
        let g = error("discard\n}")
        #expect(g?.line == 2 && g?.column == 1)
        #expect(g?.message.contains("expected ';' or a block after command 'discard'") == true)
    }

    @Test func descriptionIsLineColumnMessage() {
        let e = error("if true {\n  keep;\n")
        #expect(e?.description.hasPrefix("line 3, column 1: missing '}'") == true)
    }

    @Test func unterminatedStringPointsAtItsStart() {
        let e = error("require \"fileinto\";\nfileinto \"abc;\n")
        #expect(e?.line == 2 && e?.column == 10)
        #expect(e?.message == "unterminated string")
    }

    @Test func unterminatedCommentAndMultiline() {
        #expect(error("keep; /* never closed")?.column == 7)
        let e = error("require \"reject\";\nreject text:\nline\n")
        #expect(e?.line == 2 && e?.column == 8)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes but one column.
        let e = error("# é\nif header :is \"Subject\" \"é\" { keep; } }")
        #expect(e?.line == 2 && e?.column == 39)
    }

    @Test func badCharactersAndTags() {
        #expect(error("keep; @")?.message.contains("unexpected character '@'") == true)
        #expect(error("if header : \"a\" \"b\" {}")?.column == 12)
        #expect(error("if size :over 10Q {}")?.message.contains("invalid character 'Q' in number") == true)
        #expect(error("if size :over 99999999999999999999 {}")?.message == "number is too large")
    }

    @Test func stringListsAndTestLists() {
        #expect(error("if header :is [\"a\" \"b\"] \"c\" {}")?.message.contains("expected ',' or ']'") == true)
        #expect(error("if anyof(true; false) {}")?.message.contains("expected ',' or ')'") == true)
        #expect(error("if anyof() {}")?.message.contains("expected a test") == true)
    }

    @Test func nestingLimit() {
        let deep = String(repeating: "if true {", count: 40) + String(repeating: "}", count: 40)
        #expect(error(deep)?.message.contains("nesting is too deep") == true)
        let notChain = "if " + String(repeating: "not ", count: 100) + "true {}"
        #expect(error(notChain)?.message.contains("nesting is too deep") == true)
    }

    @Test func multilineStringsAreUnstuffed() throws {
        let outcome = try Fixture.run("require \"reject\";\nreject text: # comment\n..dot\nline two\n.\n;\n")
        #expect(outcome.actions == [.reject(reason: ".dot\r\nline two\r\n", extended: false)])
    }

    @Test func quotedStringEscapes() throws {
        let outcome = try Fixture.run("require \"fileinto\"; fileinto \"a\\\\b\\\"c\\d\";")
        #expect(Fixture.folders(outcome) == ["a\\b\"cd"])
    }

    @Test func quantifiers() throws {
        #expect(try Fixture.run("if size :over 1K { discard; }").implicitKeep == true)
        #expect(try Fixture.run("if size :under 1M { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if size :under 1g { discard; }").implicitKeep == false)
    }

    @Test func scriptSizeLimit() {
        let compiler = SieveCompiler(limits: SieveLimits(maximumScriptSize: 10))
        #expect(throws: SieveCompileError.self) { try compiler.compile("keep; keep; keep;", name: "x") }
    }
}
