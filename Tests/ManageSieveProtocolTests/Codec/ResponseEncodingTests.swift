import Testing
@testable import ManageSieveProtocol

@Suite("Codec: responses and server data")
struct ResponseEncodingTests {
    @Test func resultLines() {
        #expect(ManageSieveResponse.ok().description == "OK\r\n")
        #expect(ManageSieveResponse.ok("Logged in").description == "OK \"Logged in\"\r\n")
        #expect(ManageSieveResponse.no("x", code: .quotaMaxSize).description == "NO (QUOTA/MAXSIZE) \"x\"\r\n")
        #expect(ManageSieveResponse.bye("Too many").description == "BYE \"Too many\"\r\n")
        #expect(ManageSieveResponse.no(code: .nonexistent).description == "NO (NONEXISTENT)\r\n")
    }

    @Test func everyResponseCode() {
        let codes: [(ManageSieveResponseCode, String)] = [
            (.authTooWeak, "AUTH-TOO-WEAK"), (.encryptNeeded, "ENCRYPT-NEEDED"), (.quota, "QUOTA"),
            (.quotaMaxScripts, "QUOTA/MAXSCRIPTS"), (.quotaMaxSize, "QUOTA/MAXSIZE"),
            (.referral("sieve://other.example.net"), "REFERRAL sieve://other.example.net"),
            (.sasl("cnNwYXV0aD0="), "SASL \"cnNwYXV0aD0=\""), (.transitionNeeded, "TRANSITION-NEEDED"),
            (.tryLater, "TRYLATER"), (.active, "ACTIVE"), (.nonexistent, "NONEXISTENT"),
            (.alreadyExists, "ALREADYEXISTS"), (.tag("STARTTLS-SYNC-42"), "TAG \"STARTTLS-SYNC-42\""),
            (.warnings, "WARNINGS"),
        ]
        for (code, wire) in codes {
            #expect(ManageSieveResponse.ok(code: code).description == "OK (\(wire))\r\n")
        }
        // A referral cannot close the parenthesis early or inject a line.
        #expect(ManageSieveResponse.bye(code: .referral("sieve://a) \"b\"\r\nOK")).description ==
                "BYE (REFERRAL sieve://abOK)\r\n")
    }

    @Test func stringsQuotedOrLiteral() {
        #expect(ManageSieveResponse.no("say \"hi\" \\o/").description == "NO \"say \\\"hi\\\" \\\\o/\"\r\n")
        // Several compiler errors: a literal (RFC 5804 §2.6 "multiline literal string").
        let errors = "line 2: syntax error\r\nline 3: unknown command"
        #expect(ManageSieveResponse.no(errors).description == "NO {\(errors.utf8.count)}\r\n\(errors)\r\n")
        #expect(ManageSieveResponse.ok(code: .tag("a\nb")).description == "OK (TAG {3}\r\na\nb)\r\n")
        let long = String(repeating: "x", count: 1025)
        #expect(ManageSieveResponse.no(long).description == "NO {1025}\r\n\(long)\r\n")
        #expect(ManageSieveResponse.no(String(repeating: "x", count: 1024)).description.hasPrefix("NO \"x"))
        #expect(ManageSieveResponse.ok("ünïcode").description == "OK \"ünïcode\"\r\n")
    }

    @Test func capabilityLines() {
        let output = ManageSieveOutput.capabilities([
            ManageSieveCapability("IMPLEMENTATION", "Postino"),
            ManageSieveCapability("STARTTLS"),
            ManageSieveCapability("SIEVE", ""),
        ])
        #expect(output.description == "\"IMPLEMENTATION\" \"Postino\"\r\n\"STARTTLS\"\r\n\"SIEVE\" \"\"\r\n")
    }

    @Test func scriptListAndScript() {
        let list = ManageSieveOutput.scriptList([
            ManageSieveScriptListEntry(name: "summer", isActive: false),
            ManageSieveScriptListEntry(name: "clever\"script", isActive: true),
            ManageSieveScriptListEntry(name: "two\r\nlines", isActive: false),
        ])
        #expect(list.description == "\"summer\"\r\n\"clever\\\"script\" ACTIVE\r\n{10}\r\ntwo\r\nlines\r\n")
        #expect(ManageSieveOutput.script(bytes("keep;\n")).description == "{6}\r\nkeep;\n\r\n")
        #expect(ManageSieveOutput.script([]).description == "{0}\r\n\r\n")
        #expect(ManageSieveOutput.saslChallenge("").description == "\"\"\r\n")
    }

    @Test func nonUTF8TextGoesAsLiteral() {
        // Octets that are not UTF-8 cannot be quoted (SAFE-UTF8-CHAR): they go as a literal.
        #expect(ManageSieveWire.string([0x61, 0xFF]) == bytes("{2}\r\na") + [0xFF])
        #expect(ManageSieveWire.string([0x61, 0x00]) == bytes("{2}\r\na") + [0x00])
    }
}
