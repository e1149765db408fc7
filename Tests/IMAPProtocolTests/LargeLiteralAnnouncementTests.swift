import Testing
@testable import IMAPProtocol

/// RFC 7888 LITERAL+: a non-synchronizing literal arrives without a continuation, so the
/// server learns of a large one only from the reader (to count it against its memory).
@Suite struct LargeLiteralAnnouncementTests {
    private func reader() -> IMAPCommandReader {
        var reader = IMAPCommandReader()
        reader.reportedLiteralSize = 10
        return reader
    }

    @Test func aLargeNonSynchronizingLiteralIsAnnouncedThenReceived() {
        var reader = reader()
        reader.append(bytes("a1 APPEND INBOX {12+}\r\n"))
        guard case .literalArriving(let request) = reader.nextCommand() else {
            Issue.record("no announcement")
            return
        }
        #expect(request.size == 12)
        #expect(request.tag == "a1")
        #expect(request.appendMailbox?.description == "INBOX")
        #expect(reader.nextCommand() == .needMoreData)
        reader.append(bytes("Subject: x\r\n\r\n"))
        guard case .command(let frame) = reader.nextCommand() else {
            Issue.record("no command")
            return
        }
        #expect(frame.literals.map(\.range.count) == [12])
    }

    @Test func smallAndSynchronizingLiteralsAreNotAnnounced() {
        var reader = reader()
        reader.append(bytes("a1 LOGIN {3+}\r\nbob {6+}\r\nsecret\r\na2 APPEND INBOX {20}\r\n"))
        #expect(reader.nextCommand().isCommand)
        guard case .continuationRequired(let request) = reader.nextCommand() else {
            Issue.record("the synchronizing literal needs its continuation")
            return
        }
        #expect(request.size == 20)
    }

    @Test func aDiscardedLiteralIsSkippedWithTheRestOfItsCommand() {
        var reader = reader()
        reader.append(bytes("a1 APPEND INBOX (\\Seen) {12+}\r\n"))
        guard case .literalArriving = reader.nextCommand() else {
            Issue.record("no announcement")
            return
        }
        reader.discardPendingLiteral()
        // The literal's octets trickle in and are dropped, not buffered.
        reader.append(bytes("Subject: x\r\n"))
        #expect(reader.nextCommand() == .needMoreData)
        #expect(reader.bufferedByteCount == 0)
        reader.append(bytes("\r\n\r\na2 NOOP\r\n"))
        guard case .command(let frame) = reader.nextCommand() else {
            Issue.record("framing did not resume")
            return
        }
        #expect(String(decoding: frame.bytes, as: UTF8.self) == "a2 NOOP")
    }
}

private extension IMAPCommandReader.Event {
    var isCommand: Bool {
        if case .command = self { return true }
        return false
    }
}
