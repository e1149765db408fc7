import Testing
@testable import ManageSieveProtocol

@Suite("Codec: command reader (framing, strings, literals)")
struct CommandReaderTests {
    static let limits = ManageSieveCommandReader.Limits(
        maxLineLength: 200, maxStringLength: 50, maxScriptSize: 100, maxTokens: 8)

    /// Every outcome the reader gives for this input fed in these chunks.
    static func read(_ chunks: [[UInt8]], limits: ManageSieveCommandReader.Limits = limits) -> [ManageSieveCommandReader.Outcome] {
        var reader = ManageSieveCommandReader(limits: limits)
        var outcomes: [ManageSieveCommandReader.Outcome] = []
        for chunk in chunks {
            reader.append(chunk)
            while let outcome = reader.next() { outcomes.append(outcome) }
        }
        return outcomes
    }

    static func read(_ input: String) -> [ManageSieveCommandReader.Outcome] { read([bytes(input)]) }

    static func atom(_ s: String) -> ManageSieveToken { .atom(bytes(s)) }
    static func string(_ s: String) -> ManageSieveToken { .string(bytes(s)) }

    @Test func atomsAndQuotedStrings() {
        #expect(Self.read("CAPABILITY\r\n") == [.command([Self.atom("CAPABILITY")])])
        #expect(Self.read("HAVESPACE \"my script\" 999\r\n") ==
                [.command([Self.atom("HAVESPACE"), Self.string("my script"), Self.atom("999")])])
        #expect(Self.read("NOOP \"a \\\"b\\\" \\\\c\"\r\n") == [.command([Self.atom("NOOP"), Self.string("a \"b\" \\c")])])
        #expect(Self.read("NOOP \"\"\r\n") == [.command([Self.atom("NOOP"), Self.string("")])])
        #expect(Self.read("NOOP  \"x\"\n") == [.command([Self.atom("NOOP"), Self.string("x")])])  // bare LF, two spaces
        #expect(Self.read("\r\n") == [.command([])])
    }

    @Test func literalsBothForms() {
        // RFC 5804 §4 literal-c2s is {n+}; the IMAP-style {n} is read the same way, and
        // neither gets a continuation.
        let expected: ManageSieveCommandReader.Outcome = .command([Self.atom("PUTSCRIPT"), Self.string("foo"), Self.string("keep;\r\n")])
        #expect(Self.read("PUTSCRIPT \"foo\" {7+}\r\nkeep;\r\n\r\n") == [expected])
        #expect(Self.read("PUTSCRIPT \"foo\" {7}\r\nkeep;\r\n\r\n") == [expected])
        #expect(Self.read("RENAMESCRIPT {1+}\r\na {1+}\r\nb\r\n") ==
                [.command([Self.atom("RENAMESCRIPT"), Self.string("a"), Self.string("b")])])
        #expect(Self.read("CHECKSCRIPT {0+}\r\n\r\n") == [.command([Self.atom("CHECKSCRIPT"), Self.string("")])])
    }

    @Test func literalOctetsAreNotInterpreted() {
        // CRLF, quotes, braces and a fake command inside the literal are just octets.
        let content = "a\r\n\"{3+}\r\nLOGOUT\r\n"
        let input = "PUTSCRIPT \"s\" {\(content.utf8.count)+}\r\n\(content)\r\nNOOP\r\n"
        #expect(Self.read(input) == [
            .command([Self.atom("PUTSCRIPT"), Self.string("s"), Self.string(content)]),
            .command([Self.atom("NOOP")]),
        ])
    }

    @Test func sameCommandsWhateverTheChunking() {
        let input = bytes("PUTSCRIPT \"foo\" {12+}\r\nif true {}\r\n\r\nNOOP \"t\"\r\nRENAMESCRIPT {1}\r\na \"b\"\r\nLOGOUT\r\n")
        let reference = Self.read([input])
        #expect(reference.count == 4)
        for cut in 0...input.count {
            #expect(Self.read([Array(input[..<cut]), Array(input[cut...])]) == reference, "cut at \(cut)")
        }
        #expect(Self.read(input.map { [$0] }) == reference)
    }

    @Test func oversizedScriptLiteralIsSkippedWithoutBuffering() {
        var reader = ManageSieveCommandReader(limits: Self.limits)
        reader.append(bytes("PUTSCRIPT \"big\" {100000+}\r\n"))
        #expect(reader.next() == nil)
        for _ in 0..<1000 {
            reader.append(Array(repeating: UInt8(ascii: "x"), count: 100))
            #expect(reader.next() == nil)
            #expect(reader.unreadCount == 0)  // consumed and dropped as it arrives
        }
        reader.append(bytes("\r\nNOOP\r\n"))
        #expect(reader.next() == .invalid(.literalTooLarge(isScript: true)))
        #expect(reader.next() == .command([Self.atom("NOOP")]))
    }

    @Test func scriptLimitAppliesOnlyToTheScriptArgument() {
        let script = String(repeating: "s", count: 100)
        #expect(Self.read("CHECKSCRIPT {100+}\r\n\(script)\r\n") == [.command([Self.atom("CHECKSCRIPT"), Self.string(script)])])
        #expect(Self.read("checkscript {101+}\r\n\(script)s\r\n") == [.invalid(.literalTooLarge(isScript: true))])
        #expect(Self.read("PUTSCRIPT {100+}\r\n\(script) \"x\"\r\n") == [.invalid(.literalTooLarge(isScript: false))])
        #expect(Self.read("NOOP {51+}\r\n\(String(repeating: "t", count: 51))\r\nNOOP\r\n") ==
                [.invalid(.literalTooLarge(isScript: false)), .command([Self.atom("NOOP")])])
    }

    @Test func longLinesAreDroppedButALiteralTheyAnnounceIsStillSkipped() {
        let long = String(repeating: "x", count: 300)
        #expect(Self.read("NOOP \"\(long)\" {5+}\r\nLOGOU\r\nNOOP\r\n") ==
                [.invalid(.lineTooLong), .command([Self.atom("NOOP")])])
        #expect(Self.read("\(long)\r\nNOOP\r\n") == [.invalid(.lineTooLong), .command([Self.atom("NOOP")])])
    }

    @Test func malformedCommandsStillSkipTheirLiterals() {
        #expect(Self.read("NOOP \"open {3+}\r\nabc\r\nNOOP\r\n") ==
                [.invalid(.syntax("unterminated quoted string")), .command([Self.atom("NOOP")])])
        #expect(Self.read("NOOP\"x\"{3+}\r\nabc\r\nNOOP\r\n") ==
                [.invalid(.syntax("expected a space between arguments")), .command([Self.atom("NOOP")])])
    }

    @Test func literalLengthBeyond32BitsLosesTheFraming() {
        #expect(Self.read("PUTSCRIPT \"x\" {4294967296+}\r\nNOOP\r\n") == [.fatal("Literal length out of range")])
        #expect(Self.read("PUTSCRIPT \"x\" {99999999999999999999999+}\r\n") == [.fatal("Literal length out of range")])
    }

    @Test func syntaxErrors() {
        #expect(Self.read("NOOP \"abc\r\n") == [.invalid(.syntax("unterminated quoted string"))])
        #expect(Self.read("NOOP \"a\\b\"\r\n") == [.invalid(.syntax("invalid escape in quoted string"))])
        #expect(Self.read("NOOP \"a\"\"b\"\r\n") == [.invalid(.syntax("expected a space between arguments"))])
        #expect(Self.read("NOOP (x)\r\n") == [.invalid(.syntax("unexpected character in command"))])
        #expect(Self.read("NOOP {3+} x\r\n") == [.invalid(.syntax("a literal must end its line"))])
        #expect(Self.read("NOOP \"a\u{0}\"\r\n") == [.invalid(.syntax("NUL in quoted string"))])
        #expect(Self.read("A B C D E F G H I\r\n") == [.invalid(.syntax("too many arguments"))])
        let quoted = String(repeating: "q", count: 1025)
        #expect(Self.read([bytes("NOOP \"\(quoted)\"\r\n")], limits: .init(maxLineLength: 4096, maxStringLength: 50, maxScriptSize: 100, maxTokens: 8)) ==
                [.invalid(.syntax("quoted string longer than 1024 octets; send a literal"))])
    }

    @Test func literalMarkerParsing() {
        #expect(ManageSieveLiteralMarker.parse(bytes("X {12+}")) == .literal(octets: 12, markerLength: 5))
        #expect(ManageSieveLiteralMarker.parse(bytes("{0}")) == .literal(octets: 0, markerLength: 3))
        #expect(ManageSieveLiteralMarker.parse(bytes("X {4294967295+}")) == .literal(octets: 4_294_967_295, markerLength: 13))
        #expect(ManageSieveLiteralMarker.parse(bytes("X {+}")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("X 12}")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("}")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("+}")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("X {1a}")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("X")) == .none)
        #expect(ManageSieveLiteralMarker.parse(bytes("")) == .none)
    }
}
