import Testing
@testable import ProtocolKit

@Suite struct LineFramerTests {
    private func text(_ frames: [LineFramer.Frame]) -> [String] {
        frames.map { frame in
            switch frame {
            case .line(let bytes): String(decoding: bytes, as: UTF8.self)
            case .overlong: "<overlong>"
            }
        }
    }

    @Test func splitsCRLFAndBareLFAcrossChunks() {
        var framer = LineFramer(maxLineLength: 100)
        #expect(text(framer.append(Array("EHLO a\r\nNO".utf8))) == ["EHLO a"])
        #expect(framer.pendingByteCount == 2)
        #expect(text(framer.append(Array("OP\nQUIT\r".utf8))) == ["NOOP"])
        #expect(text(framer.append(Array("\n".utf8))) == ["QUIT"])
        #expect(framer.pendingByteCount == 0)
    }

    @Test func lineOfExactlyTheLimitIsAcceptedWithItsCRLF() {
        var framer = LineFramer(maxLineLength: 4)
        #expect(text(framer.append(Array("abcd\r\n".utf8))) == ["abcd"])
    }

    @Test func overlongLineIsReportedOnceAndDiscardedUntilLF() {
        var framer = LineFramer(maxLineLength: 4)
        let frames = framer.append(Array("abcdefghij".utf8))
        #expect(text(frames) == ["<overlong>"])
        // Never buffers past the limit, however much arrives.
        #expect(framer.pendingByteCount == 0)
        #expect(text(framer.append(Array("klmnop\r\nok\r\n".utf8))) == ["ok"])
    }

    @Test func resetDropsPipelinedPlaintext() {
        var framer = LineFramer(maxLineLength: 100)
        _ = framer.append(Array("STARTTLS\r\nMAIL FROM:<evil@x>".utf8))
        framer.reset()
        #expect(framer.pendingByteCount == 0)
        #expect(text(framer.append(Array("\r\nEHLO b\r\n".utf8))) == ["", "EHLO b"])
    }
}
