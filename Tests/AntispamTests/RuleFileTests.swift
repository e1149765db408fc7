import Testing
@testable import Antispam

@Suite struct RuleFileTests {
    @Test func defaultRulesCompileAndAreAllWeighted() throws {
        let rules = try DefaultRules.compiled()
        #expect(rules.rules.count > 40)
        let table = WeightTable.default
        #expect(table.unweighted(rules).filter { !$0.hasPrefix("__") }.isEmpty)
    }

    @Test(arguments: [
        ("bogus NAME x", 1, "unknown kind"),
        ("body LOWER_case /x/", 1, "upper case"),
        ("body A /x/\nbody A /y/", 2, "defined twice"),
        ("body A /(unclosed/", 1, "invalid regular expression"),
        ("body A /x/q", 1, "unknown regex flag"),
        ("body A x", 1, "expected /regex/"),
        ("# comment\n\nheader A Subject == /x/", 3, "=~"),
        ("test A no_such_function", 1, "unknown test function"),
        ("test A few_words many", 1, "one number"),
        ("meta A B && C", 1, "not defined above"),
        ("body B /x/\nmeta A B &&", 2, "ends too early"),
        ("missing A", 1, "expected missing"),
    ])
    func compilationErrorsNameTheLine(source: String, line: Int, fragment: String) {
        #expect {
            _ = try RuleFile.compile(source)
        } throws: { error in
            guard let error = error as? RuleFileError else { return false }
            return error.line == line && error.message.contains(fragment)
        }
    }

    @Test func describeOfUnknownRuleIsAnError() {
        #expect(throws: RuleFileError.self) { try RuleFile.compile("describe NOPE text") }
    }

    @Test func weightTableParsesAndRejectsGarbage() throws {
        let table = try WeightTable.parse("# c\nscore A 1.5\nscore B -2 # trailing\n")
        #expect(table["A"] == 1.5 && table["B"] == -2 && table["C"] == 0)
        #expect(throws: RuleFileError.self) { try WeightTable.parse("score A lots") }
        #expect(throws: RuleFileError.self) { try WeightTable.parse("weight A 1") }
    }

    @Test func linesAreTrimmedOfTabsAndUnicodeSpacesOnly() {
        #expect(" \t body X /x/\u{3000}\u{A0}".trimmingWhitespace() == "body X /x/")
        #expect("\u{2003}é\u{301} ".trimmingWhitespace() == "é\u{301}")
        #expect(" \t ".trimmingWhitespace() == "")
        #expect("x\n".trimmingWhitespace() == "x\n")                 // a line end is not a space here
    }
}
