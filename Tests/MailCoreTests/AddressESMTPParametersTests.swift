import Testing
import MailCore

private func parameterError(_ text: String) -> String? {
    do {
        _ = try ESMTPParameters.parse(text)
        return nil
    } catch {
        return error.message
    }
}

@Suite("ESMTP parameters and xtext")
struct AddressESMTPParametersTests {
    @Test("Keywords with and without values")
    func parse() throws {
        let parameters = try ESMTPParameters.parse("size=1000 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ314159")
        #expect(parameters.parameters.map(\.keyword) == ["SIZE", "BODY", "SMTPUTF8", "RET", "ENVID"])
        #expect(parameters.value(of: "SIZE") == "1000")
        #expect(parameters.value(of: "Body") == "8BITMIME")
        #expect(parameters.contains("smtputf8"))
        #expect(parameters["SMTPUTF8"] == ESMTPParameter(keyword: "SMTPUTF8", value: nil))
        #expect(parameters.value(of: "SMTPUTF8") == nil)
        #expect(!parameters.contains("NOTIFY"))
    }

    @Test("Empty and space-only input")
    func empty() throws {
        #expect(try ESMTPParameters.parse("").isEmpty)
        #expect(try ESMTPParameters.parse("   ").isEmpty)
    }

    @Test("Lenient separators and '=' inside values")
    func lenient() throws {
        let parameters = try ESMTPParameters.parse("  SIZE=1  \tAUTH=<>  X-KEY=a=b ")
        #expect(parameters.parameters.count == 3)
        #expect(parameters.value(of: "AUTH") == "<>")
        #expect(parameters.value(of: "X-KEY") == "a=b")
    }

    @Test("UTF-8 values are allowed (RFC 6531)")
    func utf8Value() throws {
        #expect(try ESMTPParameters.parse("X-NAME=jörg").value(of: "X-NAME") == "jörg")
    }

    @Test("Errors", arguments: [
        ("S_ZE=1", "the parameter keyword \"S_ZE\" is invalid (letters, digits and hyphens only)"),
        ("-SIZE=1", "the parameter keyword \"-SIZE\" is invalid (letters, digits and hyphens only)"),
        ("=1", "a parameter has a value but no keyword"),
        ("SIZE=", "the parameter SIZE has an empty value after \"=\""),
        ("SIZE=1 size=2", "the parameter SIZE is given more than once"),
        ("X=a\u{1}b", "control character U+0001 is not allowed in the value of parameter X"),
        ("X=a\u{7F}", "control character U+007F is not allowed in the value of parameter X"),
    ])
    func errors(text: String, message: String) {
        #expect(parameterError(text) == message)
    }

    @Test("xtext decoding (RFC 3461 §4)")
    func xtextDecode() throws {
        #expect(try ESMTPParameters.xtextDecode("rfc822;user+2Btag@example.com") == "rfc822;user+tag@example.com")
        #expect(try ESMTPParameters.xtextDecode("a+3Db+20c") == "a=b c")
        #expect(try ESMTPParameters.xtextDecode("a+3db") == "a=b")  // lowercase hex tolerated
        #expect(try ESMTPParameters.xtextDecode("j+C3+B6rg") == "jörg")
        #expect(try ESMTPParameters.xtextDecode("") == "")
    }

    @Test("xtext decoding errors", arguments: [
        ("a+2", "invalid xtext: \"+\" must be followed by two hex digits"),
        ("a+", "invalid xtext: \"+\" must be followed by two hex digits"),
        ("a+ZZ", "invalid xtext: \"+\" must be followed by two hex digits"),
        ("a=b", "invalid xtext: character '=' must be written as +XX"),
        ("a b", "invalid xtext: a space must be written as +XX"),
        ("jörg", "invalid xtext: character U+00F6 must be written as +XX"),
        ("+FF", "invalid xtext: the decoded text is not UTF-8"),
    ])
    func xtextErrors(text: String, message: String) {
        do {
            _ = try ESMTPParameters.xtextDecode(text)
            Issue.record("\(text) should not decode")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test("xtext encoding and round trip")
    func xtextEncode() throws {
        #expect(ESMTPParameters.xtextEncode("user+tag@example.com") == "user+2Btag@example.com")
        #expect(ESMTPParameters.xtextEncode("a=b c") == "a+3Db+20c")
        #expect(ESMTPParameters.xtextEncode("jörg") == "j+C3+B6rg")
        #expect(ESMTPParameters.xtextEncode("\r\n") == "+0D+0A")
        for text in ["", "plain", "with space", "+=+=", "日本語", "\u{0}\u{7F}~!"] {
            #expect(try ESMTPParameters.xtextDecode(ESMTPParameters.xtextEncode(text)) == text)
        }
    }
}
