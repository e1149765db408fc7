import MailCore
import Testing
@testable import Sieve

/// Hostile input must produce errors, never crashes or runaway work.
@Suite struct RobustnessTests {

    @Test func tokenSoupNeverCrashes() {
        let pieces = ["if", "header", ":is", ":matches", ":count", "\"a\"", "\"${1}\"", "[", "]", "(", ")", "{", "}",
                      ",", ";", "require", "\"variables\"", "text:\n.\n", "99999999999", "1K", "anyof", "not",
                      "set", "vacation", "#c\n", "/*", "*/", "\"\\", "é", "\u{0}", "fileinto", "elsif", "else"]
        var rng = SeededGenerator(seed: 42)
        var compiled = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 1...25, using: &rng)
            let source = (0..<count).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            if let script = try? SieveCompiler.compile(source, name: "fuzz") {
                compiled += 1
                let outcome = SieveInterpreter(script: script, environment: Fixture.environment())
                    .run(message: SieveMessage(bytes: Array(Fixture.message.utf8)), envelope: SieveEnvelope(from: "a@b.c", to: "me@example.com"))
                // Delivery always has something to do: a store, a redirect, a reject or a discard.
                #expect(!outcome.deliveryActions.isEmpty)
            }
        }
        #expect(compiled > 0)
    }

    @Test func errorsAlwaysHaveAPosition() {
        for source in ["\"", "text:", "/*", "if", "if true", "[\"a\"", "require;", ":", "keep :flags", "if (", "}"] {
            let error = Fixture.compileError(source)
            #expect(error != nil, "\(source)")
            #expect((error?.line ?? 0) >= 1 && (error?.column ?? 0) >= 1)
        }
    }

    @Test func pathologicalWildcardsStayCheap() throws {
        let long = String(repeating: "a", count: 20_000)
        let script = "require \"variables\"; set \"v\" \"\(long)\"; if string :matches \"${v}\" \"*a*a*a*a*a*a*a*a*b\" { discard; }"
        let outcome = try Fixture.run(script)
        #expect(outcome.implicitKeep)
    }

    @Test func scriptNamesAndCapabilities() {
        #expect(SieveScriptName.isValid("my script"))
        #expect(!SieveScriptName.isValid("a/b"))
        #expect(!SieveScriptName.isValid(""))
        #expect(!SieveScriptName.isValid("tab\there"))
        let capabilities = SieveExtension.capabilityString()
        #expect(capabilities.contains("fileinto") && capabilities.contains("vacation-seconds") && capabilities.contains("editheader"))
    }

    @Test func runtimeErrorNamesTheIncludedScript() throws {
        let env = Fixture.environment(scripts: ["personal:bad": "require \"variables\";\nset \"a\" \"x y\";\nredirect \"${a}\";"])
        let outcome = try Fixture.run("require \"include\"; include \"bad\";", environment: env)
        #expect(outcome.error?.script == "bad")
        #expect(outcome.error?.location == SieveSourceLocation(line: 3, column: 1))
        #expect(outcome.error?.description.hasPrefix("bad: line 3, column 1: invalid redirect address") == true)
    }

    @Test func lineEndingsInMultilineStrings() throws {
        let lf = try Fixture.run("require \"reject\";\nreject text:\na\n.\n;")
        let crlf = try Fixture.run("require \"reject\";\r\nreject text:\r\na\r\n.\r\n;")
        #expect(lf.actions == crlf.actions)
        #expect(lf.actions == [.reject(reason: "a\r\n", extended: false)])
    }
}
