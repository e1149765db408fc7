import Testing
@testable import IMAPProtocol

/// Large APPEND literals are handed out in chunks (`.literalData`) instead of being kept in
/// the frame, so the server can write them to a file as they arrive (issue 23, finding 4).
@Suite struct LiteralSpillTests {
    private func reader(limits: IMAPReaderLimits = .default) -> IMAPCommandReader {
        var reader = IMAPCommandReader(limits: limits)
        reader.spillLiteralSize = 10
        return reader
    }

    /// Every event until the reader needs more data.
    private func events(_ reader: inout IMAPCommandReader, _ input: String) -> [IMAPCommandReader.Event] {
        reader.append(bytes(input))
        var events: [IMAPCommandReader.Event] = []
        while case let event = reader.nextCommand(), event != .needMoreData { events.append(event) }
        return events
    }

    private func data(_ events: [IMAPCommandReader.Event]) -> String {
        String(decoding: events.flatMap { event -> [UInt8] in
            if case .literalData(let chunk) = event { return chunk }
            return []
        }, as: UTF8.self)
    }

    private func firstFrame(_ events: [IMAPCommandReader.Event]) -> IMAPCommandFrame? {
        for case .command(let frame) in events { return frame }
        return nil
    }

    @Test func aLargeAppendLiteralComesInChunksAndStaysOutOfTheFrame() throws {
        var reader = reader()
        let announced = events(&reader, "a1 APPEND INBOX (\\Seen) {14}\r\n")
        guard case .continuationRequired(let request) = announced.first else {
            Issue.record("no continuation request: \(announced)")
            return
        }
        #expect(request.isSpilled)
        #expect(request.appendMailbox?.description == "INBOX")
        let first = events(&reader, "Subject: ")
        #expect(data(first) == "Subject: ")
        #expect(reader.bufferedByteCount == 0)  // nothing kept while the literal arrives
        let rest = events(&reader, "x\r\n\r\n\r\na2 NOOP\r\n")
        #expect(data(rest) == "x\r\n\r\n")
        let frame = try #require(firstFrame(rest))
        #expect(frame.literals.map(\.spilled) == [IMAPSpilledLiteral(index: 0, size: 14)])
        #expect(frame.literals[0].range.isEmpty)
        guard case .append(let append) = try IMAPCommandParser.parse(frame).kind else {
            Issue.record("not an APPEND")
            return
        }
        #expect(append.spilled == IMAPSpilledLiteral(index: 0, size: 14))
        #expect(append.message.isEmpty)
        #expect(append.flags == [.seen])
        #expect(rest.contains { commandText($0) == "a2 NOOP" })
    }

    @Test func aNonSynchronizingLiteralIsAnnouncedAsSpilled() {
        var reader = reader()
        let all = events(&reader, "a1 APPEND INBOX {12+}\r\nSubject: x\r\n\r\n")
        guard case .literalArriving(let request) = all.first else {
            Issue.record("no announcement: \(all)")
            return
        }
        #expect(request.isSpilled)
        #expect(data(all) == "Subject: x\r\n")
        #expect(firstFrame(all)?.literals.first?.spilled?.size == 12)
    }

    @Test func smallLiteralsAndOtherCommandsAreKept() {
        var reader = reader()
        let all = events(&reader, "a1 APPEND INBOX {9+}\r\nSubject:x\r\na2 LOGIN {11+}\r\nbob@example secret\r\n")
        #expect(data(all).isEmpty)
        let frames = all.compactMap { event -> IMAPCommandFrame? in
            if case .command(let frame) = event { return frame }
            return nil
        }
        #expect(frames.flatMap(\.literals).allSatisfy { $0.spilled == nil })
        #expect(frames.flatMap(\.literals).map(\.range.count) == [9, 11])
    }

    @Test func multiappendAndCatenateNumberTheirSpilledLiterals() throws {
        var reader = reader()
        let all = events(&reader, "a1 APPEND Box {10+}\r\n0123456789 {3+}\r\nabc CATENATE (TEXT {11+}\r\nhello world)\r\n")
        let frame = try #require(firstFrame(all))
        #expect(data(all) == "0123456789hello world")
        guard case .append(let append) = try IMAPCommandParser.parse(frame).kind else {
            Issue.record("not an APPEND")
            return
        }
        let parts = append.parts
        #expect(parts.map(\.spilled) == [IMAPSpilledLiteral(index: 0, size: 10), nil, nil])
        #expect(parts[1].message == Array("abc".utf8)[...])
        #expect(parts[2].catenate == [.spilledText(IMAPSpilledLiteral(index: 1, size: 11))])
    }

    @Test func aSpilledLiteralIsRefusedWhereNoMessageGoes() throws {
        var reader = reader()
        // The mailbox name itself as a large literal: never kept, and refused by the parser.
        let all = events(&reader, "a1 APPEND {12+}\r\nmailbox-name {3+}\r\nabc\r\n")
        let frame = try #require(firstFrame(all))
        #expect(throws: IMAPParseError.self) { try IMAPCommandParser.parse(frame) }
    }

    @Test func spilledOctetsStillCountAgainstTheCommandLimit() {
        // Each literal is within APPENDLIMIT, but together they exceed what one command may carry.
        var reader = reader(limits: IMAPReaderLimits(maximumLineLength: 1000, maximumLiteralSize: 100,
                                                     maximumAppendSize: 40, maximumCommandSize: 64))
        let literal = String(repeating: "x", count: 40)
        let all = events(&reader, "a1 APPEND Box {40+}\r\n\(literal) {40+}\r\n\(literal) {40+}\r\n\(literal)\r\na2 NOOP\r\n")
        let refused = all.compactMap { event -> IMAPFramingError? in
            if case .rejected(let error) = event { return error }
            return nil
        }
        #expect(refused.count == 1)
        #expect(refused.first?.tag == "a1")
        #expect(all.contains { commandText($0) == "a2 NOOP" })
        #expect(data(all).count == 40)  // the first was handed out before the limit was reached
    }

    private func commandText(_ event: IMAPCommandReader.Event) -> String? {
        if case .command(let frame) = event { return String(decoding: frame.bytes, as: UTF8.self) }
        return nil
    }
}
