import Testing
@testable import Sieve

/// RFC 5228 commands and tests.
@Suite struct CoreInterpreterTests {
    @Test func emptyScriptKeeps() throws {
        let outcome = try Fixture.run("")
        #expect(outcome.actions.isEmpty)
        #expect(outcome.implicitKeep)
        #expect(outcome.deliveryActions == [.keep(flags: [])])
    }

    @Test func headerMatchTypes() throws {
        #expect(try Fixture.run("if header :contains \"subject\" \"report\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if header :contains \"subject\" \"REPORT\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if header :comparator \"i;octet\" :contains \"subject\" \"REPORT\" { discard; }").implicitKeep)
        #expect(try Fixture.run("if header :is \"x-priority\" \"1\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if header :matches \"subject\" \"weekly*\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if header :matches \"subject\" \"weekly\" { discard; }").implicitKeep)
        #expect(try Fixture.run("if header :is \"missing\" \"\" { discard; }").implicitKeep)
    }

    @Test func headerValuesAreDecoded() throws {
        let outcome = try Fixture.run("if header :is \"subject\" \"Weekly report for Müller\" { discard; }")
        #expect(outcome.implicitKeep == false)
    }

    @Test func addressParts() throws {
        #expect(try Fixture.run("if address :is \"from\" \"alice+news@example.org\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if address :domain :is \"from\" \"EXAMPLE.org\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if address :localpart :is \"from\" \"alice+news\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if address :all :is \"to\" \"other@example.net\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if address :is \"to\" \"Me\" { discard; }").implicitKeep)
    }

    @Test func envelope() throws {
        let s = "require \"envelope\"; if envelope :domain :is \"from\" \"example.org\" { discard; }"
        #expect(try Fixture.run(s).implicitKeep == false)
        #expect(try Fixture.run(s, from: "x@elsewhere.test").implicitKeep)
        // RFC 5228 §5.4: the null sender is "" whatever the address part.
        let null = "require \"envelope\"; if envelope :localpart :is \"from\" \"\" { discard; }"
        #expect(try Fixture.run(null, from: "").implicitKeep == false)
    }

    @Test func existsNeedsAll() throws {
        #expect(try Fixture.run("if exists [\"From\", \"Date\"] { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if exists [\"From\", \"X-None\"] { discard; }").implicitKeep)
    }

    @Test func sizeComparesOctets() throws {
        let size = Fixture.message.utf8.count
        #expect(try Fixture.run("if size :over \(size - 1) { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if size :over \(size) { discard; }").implicitKeep)
        #expect(try Fixture.run("if size :under \(size) { discard; }").implicitKeep)
        #expect(try Fixture.run("if size :under \(size + 1) { discard; }").implicitKeep == false)
    }

    @Test func logic() throws {
        #expect(try Fixture.run("if allof(true, not false) { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if allof(true, false) { discard; }").implicitKeep)
        #expect(try Fixture.run("if anyof(false, true) { discard; }").implicitKeep == false)
        #expect(try Fixture.run("if anyof(false, false) { discard; }").implicitKeep)
    }

    @Test func elsifAndElse() throws {
        let script = """
            require "fileinto";
            if header :is "subject" "nope" { fileinto "A"; }
            elsif header :contains "subject" "weekly" { fileinto "B"; }
            elsif true { fileinto "C"; }
            else { fileinto "D"; }
            """
        #expect(Fixture.folders(try Fixture.run(script)) == ["B"])
    }

    @Test func stopEndsTheScript() throws {
        let outcome = try Fixture.run("require \"fileinto\"; fileinto \"A\"; stop; fileinto \"B\";")
        #expect(Fixture.folders(outcome) == ["A"])
    }

    @Test func keepDiscardAndRedirect() throws {
        var outcome = try Fixture.run("keep; discard;")
        #expect(outcome.deliveryActions == [.keep(flags: []), .discard])
        outcome = try Fixture.run("redirect \"Boss <boss@example.com>\";")
        #expect(outcome.actions == [.redirect(address: "boss@example.com", copy: false)])
        #expect(outcome.implicitKeep == false)
        outcome = try Fixture.run("require \"copy\"; redirect :copy \"boss@example.com\";")
        #expect(outcome.implicitKeep)
    }

    @Test func duplicatesAreMerged() throws {
        let outcome = try Fixture.run("""
            require "fileinto";
            fileinto "A"; fileinto "A"; keep; fileinto "INBOX";
            redirect "x@example.com"; redirect "x@EXAMPLE.com";
            """)
        #expect(outcome.actions == [
            .fileinto(mailbox: "A", flags: [], copy: false, create: false), .keep(flags: []),
            .redirect(address: "x@example.com", copy: false),
        ])
    }

    @Test func fileintoCancelsImplicitKeepUnlessCopy() throws {
        #expect(try Fixture.run("require \"fileinto\"; fileinto \"A\";").implicitKeep == false)
        #expect(try Fixture.run("require [\"fileinto\", \"copy\"]; fileinto :copy \"A\";").implicitKeep)
    }

    @Test func invalidRuntimeRedirectIsAnError() throws {
        let outcome = try Fixture.run("require \"variables\"; set \"a\" \"not valid\"; redirect \"${a}\";")
        #expect(outcome.error?.message.contains("invalid redirect address") == true)
        #expect(outcome.deliveryActions == [.keep(flags: [])])
        #expect(outcome.error?.location == SieveSourceLocation(line: 1, column: 43))
    }

    @Test func rejectConflicts() throws {
        var outcome = try Fixture.run("require [\"reject\", \"fileinto\"]; fileinto \"A\"; reject \"no\";")
        #expect(outcome.error?.message.contains("reject cannot be combined") == true)
        #expect(outcome.deliveryActions == [.keep(flags: [])])
        outcome = try Fixture.run("require \"reject\"; reject \"no\"; keep;")
        #expect(outcome.error != nil)
        outcome = try Fixture.run("require \"ereject\"; ereject \"go away\";")
        #expect(outcome.actions == [.reject(reason: "go away", extended: true)])
        #expect(outcome.implicitKeep == false)
        outcome = try Fixture.run("require \"reject\"; reject \"a\"; reject \"b\";")
        #expect(outcome.error?.message.contains("only one reject") == true)
        outcome = try Fixture.run("require \"reject\"; discard; reject \"a\";")
        #expect(outcome.error == nil)
    }

    @Test func comparatorsOrderNumbers() throws {
        let base = "require [\"relational\", \"comparator-i;ascii-numeric\"];"
        #expect(try Fixture.run(base + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-priority\" \"2\" { discard; }").implicitKeep == false)
        #expect(try Fixture.run(base + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-priority\" \"3\" { discard; }").implicitKeep)
        // RFC 4790 §9.1: no leading digit is positive infinity.
        #expect(SieveComparator.compareNumeric("abc", "999") == 1)
        #expect(SieveComparator.compareNumeric("007", "7x") == 0)
        #expect(SieveComparator.compareNumeric("", "") == 0)
    }

    @Test func wildcards() {
        let p = WildcardPattern("a*b?c*", comparator: .asciiCasemap)
        #expect(p.match("AxxbYcZZ") == ["xx", "Y", "ZZ"])
        #expect(WildcardPattern("*@*", comparator: .octet).match("a@b@c") == ["a", "b@c"])
        #expect(WildcardPattern("\\*x", comparator: .octet).match("*x") == [])
        #expect(WildcardPattern("\\*x", comparator: .octet).match("ax") == nil)
        #expect(WildcardPattern("?", comparator: .octet).match("é") == ["é"])
        #expect(WildcardPattern("*a*a*a*a*a*b", comparator: .octet).match(String(repeating: "a", count: 5000)) == nil)
    }
}
