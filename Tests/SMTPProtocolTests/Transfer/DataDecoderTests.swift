import Testing
@testable import SMTPProtocol

@Suite("SMTPDataDecoder")
struct DataDecoderTests {
    /// Decodes `input` in one go; returns the stored text and how many octets were consumed.
    private func decodeAll(_ input: String, limit: Int = .max) -> (text: String, consumed: Int, complete: Bool, size: Int) {
        var decoder = SMTPDataDecoder(maxMessageSize: limit)
        let output = decoder.decode(bytes(input))
        return (text(output.bytes), output.consumed, output.isComplete, decoder.messageSize)
    }

    /// Decodes `input` split into the given chunk sizes (cycled); stops at completion.
    private func decodeChunked(_ input: [UInt8], sizes: [Int]) -> (bytes: [UInt8], consumed: Int, complete: Bool) {
        var decoder = SMTPDataDecoder(maxMessageSize: .max)
        var out: [UInt8] = []
        var offset = 0
        var turn = 0
        while offset < input.count && !decoder.isComplete {
            let size = sizes[turn % sizes.count]
            turn += 1
            let end = min(input.count, offset + size)
            let output = decoder.decode(input[offset..<end])
            out += output.bytes
            offset += output.consumed
        }
        return (out, offset, decoder.isComplete)
    }

    @Test func removesDotStuffing() {
        let result = decodeAll("Subject: x\r\n\r\n..leading dot\r\n...two\r\nmid.dle\r\n.\r\n")
        #expect(result.text == "Subject: x\r\n\r\n.leading dot\r\n..two\r\nmid.dle\r\n")
        #expect(result.complete)
    }

    @Test func aStuffedLoneDotIsAContentLine() {
        #expect(decodeAll("a\r\n..\r\nb\r\n.\r\n").text == "a\r\n.\r\nb\r\n")
    }

    @Test func emptyMessage() {
        let result = decodeAll(".\r\n")
        #expect(result.text == "")
        #expect(result.complete)
        #expect(result.consumed == 3)
    }

    @Test func stopsAtTheEndAndLeavesPipelinedCommands() {
        let input = "Hi\r\n.\r\nMAIL FROM:<a@b>\r\n"
        let result = decodeAll(input)
        #expect(result.text == "Hi\r\n")
        #expect(result.consumed == 7)
        #expect(result.complete)
        var decoder = SMTPDataDecoder(maxMessageSize: .max)
        _ = decoder.decode(bytes(input))
        #expect(decoder.decode(bytes("more")).consumed == 0)  // nothing after the end
    }

    @Test func incompleteWithoutTheFinalDot() {
        let result = decodeAll("Hi\r\n.\r")
        #expect(!result.complete)
        #expect(result.text == "Hi\r\n")  // the "." and CR are held until the next octet
        #expect(result.consumed == 6)
    }

    @Test func bareLFIsStoredAsCRLF() {
        #expect(decodeAll("a\nb\r\nc\r\n.\r\n").text == "a\r\nb\r\nc\r\n")
        // A "." line after a bare LF is content, not the end (see the smuggling test).
        #expect(!decodeAll("c\n.\r\n").complete)
        #expect(decodeAll("x\n..y\r\n.\r\n").text == "x\r\n.y\r\n")  // bare LF ends a line for unstuffing
    }

    @Test func bareCRIsKept() {
        #expect(decodeAll("a\rb\r\r\n.\r\n").text == "a\rb\r\r\n")
        #expect(decodeAll(".\rX\r\n.\r\n").text == "\rX\r\n")  // leading dot followed by text: removed
    }

    /// SMTP smuggling: only CRLF "." CRLF ends the data; the lookalikes stay content.
    @Test(arguments: [
        ("a\n.\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n"),
        ("a\r\n.\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n"),
        ("a\n.\r\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n"),
        ("a\r.\r\nMAIL FROM:<x@y>\r\n.\r\n", "a\r.\r\nMAIL FROM:<x@y>\r\n"),
    ])
    func lookalikeEndsDoNotEndTheData(input: String, stored: String) {
        let result = decodeAll(input)
        #expect(result.complete)
        #expect(result.consumed == input.utf8.count)
        #expect(result.text == stored)
    }

    @Test func everySplitPointGivesTheSameResult() {
        let message = bytes("From: a\r\n\r\n..x\r\n.\r\r\n\n..\n.y\r\nz\r\r.\r\n" + ".\r\n" + "QUIT\r\n")
        let whole = decodeAll(text(message))
        for split in 0...message.count {
            var decoder = SMTPDataDecoder(maxMessageSize: .max)
            let first = decoder.decode(message[0..<split])
            var out = first.bytes
            var consumed = first.consumed
            if !first.isComplete {
                let second = decoder.decode(message[split...])
                out += second.bytes
                consumed += second.consumed
            }
            #expect(text(out) == whole.text, "split at \(split)")
            #expect(consumed == whole.consumed, "split at \(split)")
        }
    }

    @Test func octetByOctet() {
        let message = bytes("a\r\n..b\r\n\n.\nc\r\n.\r\n")
        let oneByOne = decodeChunked(message, sizes: [1])
        #expect(text(oneByOne.bytes) == "a\r\n.b\r\n\r\n.\r\nc\r\n")
        #expect(oneByOne.complete)
        #expect(oneByOne.consumed == message.count)
        #expect(decodeChunked(message, sizes: [2, 3, 1]).bytes == oneByOne.bytes)
    }

    @Test func sizeIsCountedAfterUnstuffingAndNormalisation() {
        #expect(decodeAll("..\r\nab\ncd\r\n.\r\n").size == 3 + 4 + 4)
    }

    @Test func overTheLimitNothingMoreIsHandedBackButTheEndIsFound() {
        var decoder = SMTPDataDecoder(maxMessageSize: 10)
        var stored: [UInt8] = []
        for chunk in ["12345\r\n", "67890\r\n", "abc\r\n", ".\r\nNOOP\r\n"] {
            let output = decoder.decode(bytes(chunk))
            stored += output.bytes
            if output.isComplete { #expect(output.consumed == 3) }
        }
        #expect(decoder.isComplete)
        #expect(decoder.exceededLimit)
        #expect(stored.count <= 10)
        #expect(decoder.messageSize == 19)
    }

    @Test func exactlyAtTheLimitIsAccepted() {
        var decoder = SMTPDataDecoder(maxMessageSize: 7)
        let output = decoder.decode(bytes("12345\r\n.\r\n"))
        #expect(!decoder.exceededLimit)
        #expect(output.bytes.count == 7)
    }
}

@Suite("SMTPChunkReceiver")
struct ChunkReceiverTests {
    @Test func takesExactlyTheAnnouncedOctets() {
        var receiver = SMTPChunkReceiver(size: 8)
        let first = receiver.receive(bytes("12345")[...])
        #expect(first.consumed == 5)
        #expect(!first.isComplete)
        #expect(receiver.remaining == 3)
        let second = receiver.receive(bytes("678NOOP\r\n")[...])
        #expect(Array(second.bytes) == bytes("678"))
        #expect(second.consumed == 3)
        #expect(second.isComplete)
    }

    @Test func binaryOctetsAreNotInterpreted() {
        let content = bytes("a\r\n.\r\n\n..\u{0}")
        var receiver = SMTPChunkReceiver(size: content.count)
        #expect(Array(receiver.receive(content[...]).bytes) == content)
    }

    @Test func discardingConsumesButReturnsNothing() {
        var receiver = SMTPChunkReceiver(size: 4, discards: true)
        let output = receiver.receive(bytes("abcdef")[...])
        #expect(output.bytes.isEmpty)
        #expect(output.consumed == 4)
        #expect(output.isComplete)
    }

    @Test func zeroSizedChunkIsCompleteAtOnce() {
        #expect(SMTPChunkReceiver(size: 0).isComplete)
    }
}
