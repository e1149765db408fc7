import Testing
@testable import IMAPProtocol
import MailCore

/// Feeds `input` and collects events until the reader needs more data.
private func drain(_ reader: inout IMAPCommandReader, _ input: String) -> [IMAPCommandReader.Event] {
    reader.append(bytes(input))
    return drainEvents(&reader)
}

private func drainEvents(_ reader: inout IMAPCommandReader) -> [IMAPCommandReader.Event] {
    var events: [IMAPCommandReader.Event] = []
    while true {
        let event = reader.nextCommand()
        if event == .needMoreData { return events }
        events.append(event)
    }
}

private func commandText(_ event: IMAPCommandReader.Event) -> String? {
    if case .command(let frame) = event { return String(decoding: frame.bytes, as: UTF8.self) }
    return nil
}

private func rejection(_ event: IMAPCommandReader.Event) -> IMAPFramingError? {
    if case .rejected(let error) = event { return error }
    return nil
}

@Suite struct CommandReaderTests {
    @Test func framesOneCommandPerLine() {
        var reader = IMAPCommandReader()
        let events = drain(&reader, "a1 NOOP\r\na2 CAPABILITY\r\n")
        #expect(events.compactMap(commandText) == ["a1 NOOP", "a2 CAPABILITY"])
        #expect(reader.isIdle)
    }

    @Test func acceptsBareLineFeed() {
        var reader = IMAPCommandReader()
        #expect(drain(&reader, "a1 NOOP\n").compactMap(commandText) == ["a1 NOOP"])
    }

    @Test func waitsForTheEndOfTheLine() {
        var reader = IMAPCommandReader()
        #expect(drain(&reader, "a1 NO").isEmpty)
        #expect(drain(&reader, "OP\r").isEmpty)
        #expect(drain(&reader, "\n").compactMap(commandText) == ["a1 NOOP"])
    }

    @Test func byteByByteGivesTheSameFrames() {
        let input = "a1 LOGIN {3}\r\nbob {6+}\r\nsecret\r\na2 APPEND INBOX ~{4}\r\nab\0c\r\na3 NOOP\r\n"
        var reader = IMAPCommandReader()
        var frames: [IMAPCommandFrame] = []
        var continuations = 0
        for b in bytes(input) {
            reader.append([b])
            for event in drainEvents(&reader) {
                switch event {
                case .command(let f): frames.append(f)
                case .continuationRequired: continuations += 1
                default: Issue.record("unexpected \(event)")
                }
            }
        }
        #expect(frames.count == 3)
        #expect(continuations == 2)
        #expect(frames[0].literals.map(\.range.count) == [3, 6])
        #expect(frames[0].literals.map(\.isSynchronizing) == [true, false])
        #expect(frames[1].literals.first?.isBinary == true)
        #expect(frames[1].bytes[frames[1].literals[0].range] == [0x61, 0x62, 0, 0x63])
    }

    @Test func synchronizingLiteralAsksForContinuation() {
        var reader = IMAPCommandReader()
        let events = drain(&reader, "a1 LOGIN {3}\r\n")
        guard case .continuationRequired(let request) = events.first else {
            Issue.record("expected a continuation request, got \(events)")
            return
        }
        #expect(request.tag == "a1")
        #expect(request.command == "LOGIN")
        #expect(request.size == 3)
        #expect(events.count == 1)
        let rest = drain(&reader, "bob pass\r\n")
        #expect(rest.compactMap(commandText) == ["a1 LOGIN {3}\r\nbob pass"])
    }

    @Test func nonSynchronizingLiteralDoesNot() {
        var reader = IMAPCommandReader()
        let events = drain(&reader, "a1 LOGIN {3+}\r\nbob {4+}\r\npass\r\n")
        #expect(events.count == 1)
        #expect(events.compactMap(commandText) == ["a1 LOGIN {3+}\r\nbob {4+}\r\npass"])
    }

    @Test func literalDataIsNeverScannedForLineEnds() {
        var reader = IMAPCommandReader()
        let events = drain(&reader, "a1 LOGIN {11+}\r\nx\r\nb NOOP\r\n pw\r\n")
        #expect(events.count == 1)
        guard case .command(let frame) = events[0] else { return }
        #expect(frame.bytes[frame.literals[0].range].elementsEqual("x\r\nb NOOP\r\n".utf8))
    }

    @Test func blankLinesBetweenCommandsAreIgnored() {
        var reader = IMAPCommandReader()
        #expect(drain(&reader, "\r\n\r\na NOOP\r\n\n").compactMap(commandText) == ["a NOOP"])
    }

    @Test func overlongLineIsRejectedOnceAndSkipped() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 100))
        var events = drain(&reader, "t7 SEARCH " + String(repeating: "X", count: 150))
        #expect(events.count == 1)
        let error = rejection(events[0])
        #expect(error?.tag == "t7")
        #expect(error?.kind == .lineTooLong(limit: 100))
        #expect(error?.response == .tagged("t7", .bad, code: nil, text: "Line too long (the limit is 100 octets)"))
        // The rest of the line keeps being dropped, never buffered.
        for _ in 0..<100 {
            events = drain(&reader, String(repeating: "Y", count: 1000))
            #expect(events.isEmpty)
            #expect(reader.bufferedByteCount == 0)
        }
        events = drain(&reader, "ZZZ\r\nt8 NOOP\r\n")
        #expect(events.compactMap(commandText) == ["t8 NOOP"])
    }

    @Test func overlongCompleteLineIsRejectedAndTheNextOneRead() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 64))
        let events = drain(&reader, "t1 NOOP " + String(repeating: "a", count: 80) + "\r\nt2 NOOP\r\n")
        #expect(events.count == 2)
        #expect(rejection(events[0])?.tag == "t1")
        #expect(commandText(events[1]) == "t2 NOOP")
    }

    @Test func overlongLineEndingWithNonSyncLiteralSkipsTheLiteral() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 64))
        let events = drain(&reader, "t1 SEARCH " + String(repeating: "a", count: 80) + " {12+}\r\nt9 LOGOUT\r\n\r\nt2 NOOP\r\n")
        #expect(events.count == 2)
        #expect(rejection(events[0])?.octetsToDiscard == 12)
        #expect(commandText(events[1]) == "t2 NOOP")
    }

    @Test func tooLargeSynchronizingLiteralIsRefusedWithoutReadingIt() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLiteralSize: 10))
        var events = drain(&reader, "a1 LOGIN {11}\r\n")
        #expect(events.count == 1)
        #expect(rejection(events[0])?.kind == .literalTooLarge(size: 11, limit: 10))
        #expect(rejection(events[0])?.octetsToDiscard == nil)
        // The client does not send the literal; its next line is a new command.
        events = drain(&reader, "a2 NOOP\r\n")
        #expect(events.compactMap(commandText) == ["a2 NOOP"])
    }

    @Test func tooLargeNonSynchronizingLiteralIsDiscardedByCounting() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLiteralSize: 10))
        var events = drain(&reader, "a1 LOGIN {5000+}\r\n")
        #expect(rejection(events.first ?? .needMoreData)?.octetsToDiscard == 5000)
        // Literal data that looks like commands is skipped, then the rest of the command.
        for _ in 0..<5 {
            events = drain(&reader, String(repeating: "a9 LOGOUT\r\n", count: 90) + "0123456789")
            #expect(events.isEmpty)
            #expect(reader.bufferedByteCount == 0)
        }
        events = drain(&reader, " rest-of-line {3+}\r\nabc\r\na2 NOOP\r\n")
        #expect(events.compactMap(commandText) == ["a2 NOOP"])
    }

    @Test func appendUsesTheAppendLimitAndAnswersTooBig() {
        let limits = IMAPReaderLimits(maximumLiteralSize: 10, maximumAppendSize: 1000)
        var reader = IMAPCommandReader(limits: limits)
        var events = drain(&reader, "a1 APPEND INBOX {500}\r\n")
        guard case .continuationRequired(let request) = events.first else {
            Issue.record("expected a continuation, got \(events)")
            return
        }
        #expect(request.command == "APPEND")
        events = drain(&reader, String(repeating: "x", count: 500) + "\r\n")
        #expect(events.count == 1)
        #expect(commandText(events[0])?.count == "a1 APPEND INBOX {500}\r\n".count + 500)

        events = drain(&reader, "a2 APPEND INBOX (\\Seen) {1001}\r\n")
        let error = rejection(events.first ?? .needMoreData)
        #expect(error?.response == .tagged("a2", .no, code: .tooBig, text: "Literal too large (1001 octets; the limit is 1000)"))
        #expect(drain(&reader, "a3 NOOP\r\n").compactMap(commandText) == ["a3 NOOP"])
    }

    @Test func commandSizeLimitCountsLiteralsTogether() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 100, maximumLiteralSize: 100, maximumCommandSize: 200))
        let literal = "{90+}\r\n" + String(repeating: "x", count: 90)
        let events = drain(&reader, "a1 SEARCH TEXT " + literal + " TEXT " + literal + " TEXT " + literal + "\r\na2 NOOP\r\n")
        #expect(events.count == 2)
        #expect(rejection(events[0])?.kind == .commandTooLarge(limit: 200))
        #expect(commandText(events[1]) == "a2 NOOP")
    }

    @Test func absurdLiteralSizeIsRefused() {
        var reader = IMAPCommandReader()
        let events = drain(&reader, "a1 LOGIN {99999999999999999999999}\r\na2 NOOP\r\n")
        #expect(rejection(events[0])?.kind == .literalTooLarge(size: nil, limit: IMAPReaderLimits.default.maximumLiteralSize))
        #expect(commandText(events[1]) == "a2 NOOP")
    }

    @Test func rejectedPendingLiteralEndsTheCommand() {
        var reader = IMAPCommandReader()
        var events = drain(&reader, "a1 APPEND Nope {30}\r\n")
        guard case .continuationRequired = events.first else {
            Issue.record("expected a continuation")
            return
        }
        reader.rejectPendingLiteral()
        events = drain(&reader, "a2 NOOP\r\n")
        #expect(events.compactMap(commandText) == ["a2 NOOP"])
    }

    @Test func untaggedRejectionWhenNoTagCanBeRead() {
        var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 64))
        let events = drain(&reader, "(((" + String(repeating: "(", count: 100) + "\r\n")
        let error = rejection(events[0])
        #expect(error?.tag == nil)
        #expect(error?.response == .untagged(.condition(.bad, code: nil, text: "Line too long (the limit is 64 octets)")))
    }

    @Test func rawLinesForIdleAndAuthenticate() {
        var reader = IMAPCommandReader()
        reader.append(bytes("DO"))
        #expect(reader.nextLine(maximumLength: 100) == .needMoreData)
        reader.append(bytes("NE\r\nAAAA\r\n"))
        #expect(reader.nextLine(maximumLength: 100) == .line(bytes("DONE")))
        #expect(reader.nextLine(maximumLength: 100) == .line(bytes("AAAA")))
        #expect(reader.nextLine(maximumLength: 100) == .needMoreData)
    }

    @Test func overlongRawLineIsSkipped() {
        var reader = IMAPCommandReader()
        reader.append(bytes(String(repeating: "A", count: 50)))
        #expect(reader.nextLine(maximumLength: 10) == .needMoreData)
        #expect(reader.bufferedByteCount == 0)
        reader.append(bytes("AAA\r\nDONE\r\n"))
        #expect(reader.nextLine(maximumLength: 10) == .tooLong)
        #expect(reader.nextLine(maximumLength: 10) == .line(bytes("DONE")))
    }

    @Test func discardingBufferedInputDropsPipelinedPlaintext() {
        var reader = IMAPCommandReader()
        reader.append(bytes("a1 STARTTLS\r\na2 LOGIN user pass\r\n"))
        #expect(commandText(reader.nextCommand()) == "a1 STARTTLS")
        reader.discardBufferedInput()
        #expect(reader.nextCommand() == .needMoreData)
        #expect(reader.bufferedByteCount == 0)
    }

    @Test func commandHeaderReadsUIDCommands() {
        let header = IMAPCommandHeader(firstLine: bytes("x1 uid fetch 1:* (FLAGS)")[...])
        #expect(header.tag == "x1")
        #expect(header.command == "UID FETCH")
    }

    @Test func randomInputNeverCrashesAndStaysBounded() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = bytes("a1 {}+~\r\n()\"\\*%0123456789 LOGIN APPEND SEARCH") + [0, 0xFF, 0x80]
        for round in 0..<200 {
            var reader = IMAPCommandReader(limits: IMAPReaderLimits(maximumLineLength: 128, maximumLiteralSize: 64,
                                                                    maximumAppendSize: 256, maximumCommandSize: 512))
            for _ in 0..<50 {
                let count = Int(generator.next() % 64)
                reader.append((0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
                for event in drainEvents(&reader) {
                    if case .command(let frame) = event {
                        #expect(frame.bytes.count <= 512 + 256)
                        _ = try? IMAPCommandParser.parse(frame)
                    }
                }
                #expect(reader.bufferedByteCount <= 128 + 64, "round \(round)")
            }
        }
    }
}

@Suite struct ContinuationTests {
    @Test func appendRequestNamesTheMailbox() {
        var reader = IMAPCommandReader()
        reader.append(bytes("a1 APPEND \"Sent Items\" (\\Seen) {310}\r\n"))
        guard case .continuationRequired(let request) = reader.nextCommand() else {
            Issue.record("expected a continuation")
            return
        }
        #expect(request.appendMailbox == IMAPMailboxName(encoded: "Sent Items"))
        #expect(request.size == 310)

        var second = IMAPCommandReader()
        second.append(bytes("a2 APPEND {5}\r\n"))
        guard case .continuationRequired(let first) = second.nextCommand() else { return }
        #expect(first.appendMailbox == nil)
        second.append(bytes("Trash {3}\r\n"))
        guard case .continuationRequired(let message) = second.nextCommand() else {
            Issue.record("expected a second continuation")
            return
        }
        #expect(message.appendMailbox == IMAPMailboxName(encoded: "Trash"))

        var login = IMAPCommandReader()
        login.append(bytes("a3 LOGIN {3}\r\n"))
        guard case .continuationRequired(let other) = login.nextCommand() else { return }
        #expect(other.appendMailbox == nil)
    }

    @Test func saslResponses() {
        #expect(IMAPContinuationLine.saslResponse(bytes("*")) == .cancel)
        #expect(IMAPContinuationLine.saslResponse([]) == .data([]))
        #expect(IMAPContinuationLine.saslResponse(bytes("AGZyZWQAc2VjcmV0")) == .data(Array("\0fred\0secret".utf8)))
        #expect(IMAPContinuationLine.saslResponse(bytes("AGZy ZWQ")) == .invalid)
        #expect(IMAPContinuationLine.saslResponse(bytes("AGZyZWQ")) == .invalid)
        #expect(IMAPContinuationLine.saslResponse(bytes("AG==")) == .invalid)
    }

    @Test func idleDone() {
        #expect(IMAPContinuationLine.isDone(bytes("DONE")))
        #expect(IMAPContinuationLine.isDone(bytes("done ")))
        #expect(!IMAPContinuationLine.isDone(bytes("a1 DONE")))
        #expect(!IMAPContinuationLine.isDone(bytes("DONEX")))
    }

    @Test func capabilities() {
        let set = IMAPCapability.authenticatedSet(appendLimit: 1000)
        #expect(set.first == "IMAP4rev1")
        #expect(set.contains("APPENDLIMIT=1000"))
        #expect(IMAPCapability.auth("plain") == "AUTH=PLAIN")
        // RFC 9051 §7.2.2: IMAP4rev2 beside IMAP4rev1.
        #expect(encode(.untagged(.capability(set))).hasPrefix("* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR IDLE"))
        for name in ["THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT", "MULTIAPPEND", "COMPRESS=DEFLATE", "ESORT", "SEARCHRES",
                     "LIST-MYRIGHTS", "WITHIN"] {
            #expect(set.contains(name))
        }
    }
}
