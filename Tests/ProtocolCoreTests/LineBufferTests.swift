import Testing
@testable import ProtocolCore

@Suite struct LineBufferTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func linesEndAtCRLFOrBareLFAndMayTrickleIn() {
        var buffer = LineBuffer()
        buffer.append(bytes("NOOP\r\nQU"))
        #expect(buffer.nextLine(limit: 100) == .line(bytes("NOOP")))
        #expect(buffer.nextLine(limit: 100) == .needMore)
        buffer.append(bytes("IT\n"))
        #expect(buffer.nextLine(limit: 100) == .line(bytes("QUIT")))
        #expect(buffer.isEmpty)
    }

    @Test func aLongLineIsDroppedAsItArrivesAndReportedAtItsEndWithItsTail() {
        var buffer = LineBuffer()
        buffer.append(Array(repeating: UInt8(ascii: "a"), count: 50))
        #expect(buffer.nextLine(limit: 10) == .needMore)
        // Memory stays bounded: the octets already known to be too long are gone.
        #expect(buffer.unreadCount == 0)
        buffer.append(bytes("xyz {12+}\r\nNEXT\r\n"))
        // The last 16 octets before the LF, less the CR.
        #expect(buffer.nextLine(limit: 10) == .tooLong(tail: bytes("aaaaaaxyz {12+}")))
        #expect(buffer.nextLine(limit: 10) == .line(bytes("NEXT")))
    }

    @Test func theLimitMayDependOnHowTheLineStarts() {
        var buffer = LineBuffer()
        buffer.append(bytes("AUTH PLAIN 0123456789\r\nMAIL 0123456789\r\n"))
        let limit: (ArraySlice<UInt8>) -> Int = { $0.starts(with: Array("AUTH".utf8)) ? 100 : 10 }
        #expect(buffer.nextLine(limit: limit) == .line(bytes("AUTH PLAIN 0123456789")))
        #expect(buffer.nextLine(limit: limit) == .tooLong(tail: bytes("MAIL 0123456789")))
    }

    @Test func rawOctetsAreTakenAtTheExactOctet() {
        var buffer = LineBuffer(compactionThreshold: 4)
        buffer.append(bytes("{3}\r\nabcDONE\r\n"))
        #expect(buffer.nextLine(limit: 100) == .line(bytes("{3}")))
        #expect(buffer.take(upTo: 3) == bytes("abc"))
        #expect(buffer.unread == bytes("DONE\r\n")[...])
        buffer.consume(2)
        #expect(buffer.nextLine(limit: 100) == .line(bytes("NE")))
    }

    @Test func removeAllForgetsAHalfSkippedLine() {
        var buffer = LineBuffer()
        buffer.append(Array(repeating: UInt8(ascii: "a"), count: 50))
        #expect(buffer.nextLine(limit: 10) == .needMore)
        buffer.removeAll()
        buffer.append(bytes("OK\r\n"))
        #expect(buffer.nextLine(limit: 10) == .line(bytes("OK")))
    }
}
