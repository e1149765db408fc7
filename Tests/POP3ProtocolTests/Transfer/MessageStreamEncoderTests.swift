import Testing
@testable import POP3Protocol

@Suite("Transfer: message stream encoder")
struct MessageStreamEncoderTests {
    /// Stored message → exact RETR body on the wire (after the +OK line).
    static let retrCases: [(input: String, output: String)] = [
        ("a\nb\r\nc", "a\r\nb\r\nc\r\n.\r\n"),                 // bare LF, CRLF, no final newline
        (".\n..x\r\n.\r\n", "..\r\n...x\r\n..\r\n.\r\n"),      // lines that are just "." and start with dots
        ("", ".\r\n"),                                         // empty message
        ("x\r", "x\r\n.\r\n"),                                 // trailing CR completes the line break
        ("a\rb\n", "a\rb\r\n.\r\n"),                           // bare CR passes through
        ("\n.\n", "\r\n..\r\n.\r\n"),
        ("Subject: s\r\n\r\n.\r\n.\r\n", "Subject: s\r\n\r\n..\r\n..\r\n.\r\n"),  // a fake terminator inside
        ("a.\n.b\n", "a.\r\n..b\r\n.\r\n"),                    // only a leading dot is stuffed
        ("\r\n\r\n", "\r\n\r\n.\r\n"),
        ("\r\r\n", "\r\r\n.\r\n"),
    ]

    static func encode(_ chunks: [[UInt8]], top: Int? = nil) -> [UInt8] {
        var encoder = POP3MessageStreamEncoder(bodyLineLimit: top)
        var out: [UInt8] = []
        for chunk in chunks { out += encoder.encode(chunk) }
        return out + encoder.finish()
    }

    /// Every way of cutting the input in one or two places, and octet by octet.
    static func splits(_ input: [UInt8]) -> [[[UInt8]]] {
        var result: [[[UInt8]]] = [[input], input.map { [$0] }]
        guard !input.isEmpty else { return result }
        for i in 0...input.count {
            result.append([Array(input[..<i]), Array(input[i...])])
            for j in i...input.count {
                result.append([Array(input[..<i]), Array(input[i..<j]), Array(input[j...])])
            }
        }
        return result
    }

    @Test(arguments: retrCases.indices)
    func retrAtEverySplitPoint(index: Int) {
        let (input, output) = Self.retrCases[index]
        for chunks in Self.splits(bytes(input)) {
            let encoded = Self.encode(chunks)
            #expect(text(encoded) == output, "chunks \(chunks)")
        }
    }

    /// RETR of contiguous chunks takes a line-at-a-time fast path; other collections go
    /// octet by octet. Both must agree on random input cut at random places.
    @Test func retrFastPathAgreesWithTheOctetPath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x2E, 0x61, 0x20]
        for _ in 0..<500 {
            let input = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let cut = Int.random(in: 0...input.count, using: &generator)
            var fast = POP3MessageStreamEncoder(), slow = POP3MessageStreamEncoder()
            let fastOut = fast.encode(Array(input[..<cut])) + fast.encode(Array(input[cut...])) + fast.finish()
            let slowOut = slow.encode(input[..<cut].lazy.map { $0 }) + slow.encode(input[cut...].lazy.map { $0 }) + slow.finish()
            #expect(fastOut == slowOut, "input \(input) cut at \(cut)")
        }
    }

    static let message = "From: a@example.org\nSubject: hi\n\nline 1\n.line 2\r\nline 3\nline 4"

    @Test(arguments: [
        (0, "From: a@example.org\r\nSubject: hi\r\n\r\n.\r\n"),
        (1, "From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\n.\r\n"),
        (2, "From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\n..line 2\r\n.\r\n"),
        (4, "From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\n..line 2\r\nline 3\r\nline 4\r\n.\r\n"),
        (1000, "From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\n..line 2\r\nline 3\r\nline 4\r\n.\r\n"),
        (Int.max, "From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\n..line 2\r\nline 3\r\nline 4\r\n.\r\n"),
    ])
    func topAtEverySplitPoint(lines: Int, expected: String) {
        for chunks in Self.splits(bytes(Self.message)) {
            #expect(text(Self.encode(chunks, top: lines)) == expected, "chunks \(chunks)")
        }
    }

    @Test func topFindsTheBlankLineWhateverItsLineEnd() {
        #expect(text(Self.encode([bytes("A: 1\r\n\r\nb1\r\nb2\r\n")], top: 1)) == "A: 1\r\n\r\nb1\r\n.\r\n")
        #expect(text(Self.encode([bytes("A: 1\n\r\nb1\nb2\n")], top: 0)) == "A: 1\r\n\r\n.\r\n")
        // A line with a space is not blank: no body starts.
        #expect(text(Self.encode([bytes("A: 1\n \nb1\nb2\n")], top: 0)) == "A: 1\r\n \r\nb1\r\nb2\r\n.\r\n")
        // The message starts with the blank line: empty header.
        #expect(text(Self.encode([bytes("\nb1\nb2\n")], top: 1)) == "\r\nb1\r\n.\r\n")
        // No blank line at all: the whole header-only message.
        #expect(text(Self.encode([bytes("A: 1\nB: 2")], top: 0)) == "A: 1\r\nB: 2\r\n.\r\n")
        // A CR alone before the blank LF still counts as blank.
        #expect(text(Self.encode([bytes("A: 1\r"), bytes("\n\r"), bytes("\nb1\n")], top: 0)) == "A: 1\r\n\r\n.\r\n")
    }

    @Test func satisfiedTopDropsTheRest() {
        var encoder = POP3MessageStreamEncoder(bodyLineLimit: 1)
        #expect(!encoder.isSatisfied)
        #expect(text(encoder.encode(bytes("H: x\n\nfirst\nsecond\n"))) == "H: x\r\n\r\nfirst\r\n")
        #expect(encoder.isSatisfied)
        #expect(encoder.encode(bytes(".more\n")).isEmpty)
        #expect(text(encoder.finish()) == ".\r\n")
        #expect(encoder.finish().isEmpty)
        #expect(encoder.encode(bytes("x")).isEmpty)
    }

    @Test func negativeTopLimitMeansHeaderOnly() {
        #expect(POP3MessageStreamEncoder(bodyLineLimit: -3).bodyLineLimit == 0)
    }

    @Test func largeMessageStreamsInBoundedChunks() {
        // 1 MiB of LF lines: output per chunk stays proportional to the chunk.
        let line = bytes(String(repeating: "x", count: 63) + "\n")
        var encoder = POP3MessageStreamEncoder()
        var total = 0
        for _ in 0..<(1 << 14) {
            let out = encoder.encode(line)
            #expect(out.count == 65)
            total += out.count
        }
        total += encoder.finish().count
        #expect(total == (1 << 14) * 65 + 3)
    }

    @Test(arguments: retrCases.indices)
    func servedSizeMatchesTheEncoderAtEverySplitPoint(index: Int) {
        let input = bytes(Self.retrCases[index].input)
        let expected = Self.expectedServedSize(input)
        for chunks in Self.splits(input) {
            var size = POP3ServedSize()
            for chunk in chunks { size.add(chunk) }
            #expect(size.octets == expected, "chunks \(chunks)")
        }
        #expect(POP3ServedSize.of(input) == expected)
    }

    /// The encoder's output without byte-stuffing, the terminator, or a line break it added.
    static func expectedServedSize(_ input: [UInt8]) -> Int {
        var lines = text(encode([input])).components(separatedBy: "\r\n")
        lines.removeLast(2)  // "." and the empty tail
        var size = lines.reduce(0) { $0 + ($1.hasPrefix("..") ? $1.utf8.count - 1 : $1.utf8.count) + 2 }
        let endsWithBreak = input.isEmpty || input.last == 0x0A
        if !endsWithBreak { size -= input.last == 0x0D ? 1 : 2 }
        return size
    }

    @Test func servedSizeExamples() {
        #expect(POP3ServedSize.of(bytes("a\nb\r\nc")) == 7)
        #expect(POP3ServedSize.of(bytes("")) == 0)
        #expect(POP3ServedSize.of(bytes(".\n")) == 3)  // stuffing is not counted (RFC 1939 §11)
        var split = POP3ServedSize()
        split.add(bytes("a\r"))
        split.add(bytes("\nb"))
        #expect(split.octets == 4)
    }
}
