import Testing
@testable import ManageSieveProtocol

@Suite("Codec: command parser")
struct CommandParserTests {
    /// Reads one command from text through the reader, then parses it.
    static func parse(_ line: String) -> Result<ManageSieveCommand, ManageSieveCommandError> {
        var reader = ManageSieveCommandReader(limits: .init(maxLineLength: 8192, maxStringLength: 1000,
                                                            maxScriptSize: 1000, maxTokens: 8))
        reader.append(bytes(line + "\r\n"))
        guard case .command(let tokens)? = reader.next() else { return .failure(.syntax("unreadable")) }
        do throws(ManageSieveCommandError) {
            return .success(try ManageSieveCommandParser.parse(tokens))
        } catch {
            return .failure(error)
        }
    }

    @Test func everyCommand() {
        #expect(Self.parse("AUTHENTICATE \"PLAIN\"") == .success(.authenticate(mechanism: "PLAIN", initialResponse: nil)))
        #expect(Self.parse("Authenticate \"plain\" \"AGEAYg==\"") ==
                .success(.authenticate(mechanism: "PLAIN", initialResponse: bytes("AGEAYg=="))))
        #expect(Self.parse("AUTHENTICATE PLAIN {8+}\r\nAGEAYg==") ==
                .success(.authenticate(mechanism: "PLAIN", initialResponse: bytes("AGEAYg=="))))
        #expect(Self.parse("STARTTLS") == .success(.startTLS))
        #expect(Self.parse("LOGOUT") == .success(.logout))
        #expect(Self.parse("CAPABILITY") == .success(.capability))
        #expect(Self.parse("HAVESPACE \"myscript\" 999999") == .success(.haveSpace(name: "myscript", size: 999_999)))
        #expect(Self.parse("PUTSCRIPT \"s\" {4+}\r\nkeep") == .success(.putScript(name: "s", content: bytes("keep"))))
        #expect(Self.parse("LISTSCRIPTS") == .success(.listScripts))
        #expect(Self.parse("SETACTIVE \"vacation\"") == .success(.setActive(name: "vacation")))
        #expect(Self.parse("SETACTIVE \"\"") == .success(.setActive(name: "")))
        #expect(Self.parse("GETSCRIPT \"s\"") == .success(.getScript(name: "s")))
        #expect(Self.parse("DELETESCRIPT \"s\"") == .success(.deleteScript(name: "s")))
        #expect(Self.parse("RENAMESCRIPT \"a\" \"b\"") == .success(.renameScript(oldName: "a", newName: "b")))
        #expect(Self.parse("CHECKSCRIPT \"keep;\"") == .success(.checkScript(content: bytes("keep;"))))
        #expect(Self.parse("NOOP") == .success(.noop(tag: nil)))
        #expect(Self.parse("noop \"STARTTLS-SYNC-42\"") == .success(.noop(tag: "STARTTLS-SYNC-42")))
        #expect(Self.parse("UNAUTHENTICATE") == .success(.unauthenticate))
    }

    @Test func argumentErrors() {
        #expect(Self.parse("") == .failure(.unknownCommand))
        #expect(Self.parse("FROBNICATE") == .failure(.unknownCommand))
        #expect(Self.parse("\"LOGOUT\"") == .failure(.syntax("a command starts with its name")))
        #expect(Self.parse("LOGOUT now") == .failure(.syntax("too many arguments for LOGOUT")))
        #expect(Self.parse("CAPABILITY \"x\"") == .failure(.syntax("too many arguments for CAPABILITY")))
        #expect(Self.parse("GETSCRIPT") == .failure(.syntax("GETSCRIPT expects a string")))
        #expect(Self.parse("GETSCRIPT name") == .failure(.syntax("GETSCRIPT expects a string")))  // atoms are no strings
        #expect(Self.parse("HAVESPACE \"a\" \"10\"") == .failure(.syntax("HAVESPACE expects a number")))
        #expect(Self.parse("HAVESPACE \"a\" 4294967296") == .failure(.syntax("number out of range")))
        #expect(Self.parse("HAVESPACE \"a\" 99999999999") == .failure(.syntax("HAVESPACE expects a number")))
        #expect(Self.parse("HAVESPACE \"a\" -1") == .failure(.syntax("HAVESPACE expects a number")))
        #expect(Self.parse("RENAMESCRIPT \"a\"") == .failure(.syntax("RENAMESCRIPT expects a string")))
        #expect(Self.parse("PUTSCRIPT \"a\"") == .failure(.syntax("PUTSCRIPT expects a string")))
        #expect(Self.parse("AUTHENTICATE") == .failure(.syntax("AUTHENTICATE expects a mechanism")))
        #expect(Self.parse("AUTHENTICATE \"\"") == .failure(.syntax("invalid SASL mechanism name")))
        #expect(Self.parse("AUTHENTICATE \"PLAIN\" \"a\" \"b\"") == .failure(.syntax("too many arguments for AUTHENTICATE")))
        #expect(Self.parse("NOOP {2+}\r\n\u{FF}") == .success(.noop(tag: "\u{FF}")))  // U+00FF is valid UTF-8 text
    }

    @Test func scriptNamesAreValidated() {
        #expect(Self.parse("GETSCRIPT \"\"") == .failure(.invalidScriptName(.empty)))
        #expect(Self.parse("PUTSCRIPT \"a\u{7F}b\" \"x\"") == .failure(.invalidScriptName(.forbiddenCharacter)))
        #expect(Self.parse("DELETESCRIPT {3+}\r\na\r\n") == .failure(.invalidScriptName(.forbiddenCharacter)))
        #expect(Self.parse("RENAMESCRIPT \"a\" \"b\u{2028}c\"") == .failure(.invalidScriptName(.forbiddenCharacter)))
        #expect(Self.parse("SETACTIVE \"\u{85}\"") == .failure(.invalidScriptName(.forbiddenCharacter)))
        #expect(Self.parse("GETSCRIPT \"\(String(repeating: "é", count: 129))\"") ==
                .failure(.invalidScriptName(.tooLong(limit: 128))))
        #expect(Self.parse("GETSCRIPT \"\(String(repeating: "é", count: 128))\"") ==
                .success(.getScript(name: String(repeating: "é", count: 128))))
        // Slashes, dots and spaces are fine in names: the store must not use them as paths.
        #expect(Self.parse("GETSCRIPT \"../x y/.z\"") == .success(.getScript(name: "../x y/.z")))
    }

    @Test func invalidUTF8Name() {
        let tokens: [ManageSieveToken] = [.atom(bytes("GETSCRIPT")), .string([0xC3, 0x28])]
        #expect(throws: ManageSieveCommandError.invalidScriptName(.notUTF8)) {
            try ManageSieveCommandParser.parse(tokens)
        }
        let tag: [ManageSieveToken] = [.atom(bytes("NOOP")), .string([0xFF])]
        #expect(throws: ManageSieveCommandError.syntax("NOOP tag is not UTF-8")) {
            try ManageSieveCommandParser.parse(tag)
        }
    }

    @Test func longerNamesWhenConfigured() {
        let tokens: [ManageSieveToken] = [.atom(bytes("GETSCRIPT")), .string(bytes(String(repeating: "n", count: 200)))]
        #expect(throws: ManageSieveCommandError.invalidScriptName(.tooLong(limit: 128))) {
            try ManageSieveCommandParser.parse(tokens)
        }
        #expect(throws: Never.self) { try ManageSieveCommandParser.parse(tokens, maxScriptNameLength: 256) }
    }
}
