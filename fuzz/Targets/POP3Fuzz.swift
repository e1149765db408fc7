// Fuzz target `pop3`: the POP3 command framing and parser, and the RETR/TOP stream
// encoder (byte-stuffing), whose output must not depend on how the message is chunked.
@testable import MailCore
@testable import POP3Protocol
#if canImport(ProtocolCore)
import ProtocolCore

/// The line framing POP3 shares with SMTP and ManageSieve (ProtocolCore, since the seams
/// work); before it, POP3 had its own.
private typealias FuzzLineBuffer = LineBuffer
#else
private typealias FuzzLineBuffer = POP3InputBuffer
#endif

func fuzzPOP3(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    let input = Array(data.dropFirst())
    if selector % 2 == 0 { fuzzPOP3Commands(input) } else { fuzzPOP3Encoder(input, top: Int(selector / 2) % 5) }
}

private func fuzzPOP3Commands(_ input: [UInt8]) {
    var buffer = FuzzLineBuffer()
    let limit = 64
    var offset = 0
    var chunk = 1
    while offset < input.count {
        let end = min(input.count, offset + chunk)
        buffer.append(Array(input[offset..<end]))
        chunk = Int(input[end - 1] % 53) + 1
        offset = end
        loop: while true {
            switch buffer.nextLine(limit: { $0.first == 0x41 ? limit * 4 : limit }) {
            case .needMore: break loop
            case .tooLong: continue
            case .line(let line):
                fuzzCheck(line.count <= limit * 4, "a line within its limit")
                if let command = try? POP3CommandParser.parse(line) { _ = "\(command)" }
            }
        }
        fuzzCheck(buffer.unreadCount <= limit * 4 + 53, "buffer bounded")
    }
}

private func fuzzPOP3Encoder(_ input: [UInt8], top: Int) {
    let lineLimit = top == 0 ? nil : top - 1
    var whole = POP3MessageStreamEncoder(bodyLineLimit: lineLimit)
    let expected = whole.encode(input) + whole.finish()
    var chunked = POP3MessageStreamEncoder(bodyLineLimit: lineLimit)
    var output: [UInt8] = []
    var offset = 0
    var chunk = 1
    while offset < input.count {
        let end = min(input.count, offset + chunk)
        output += chunked.encode(input[offset..<end])
        chunk = Int(input[end - 1] % 29) + 1
        offset = end
    }
    output += chunked.finish()
    fuzzCheck(output == expected, "the encoding does not depend on the chunking")
    fuzzCheck(output.count >= 3 && Array(output.suffix(3)) == Array(".\r\n".utf8), "ends with the terminator")
    for (index, byte) in output.enumerated() where byte == 0x0A {
        fuzzCheck(index > 0 && output[index - 1] == 0x0D, "every LF has its CR")
    }
    // The terminator line appears once, at the end: every other line starting with "."
    // was stuffed.
    let body = output.dropLast(3)
    var atLineStart = true
    var index = body.startIndex
    while index < body.endIndex {
        if atLineStart, body[index] == 0x2E {
            let next = body.index(after: index)
            fuzzCheck(next < body.endIndex && body[next] == 0x2E, "a line starting with . is stuffed")
        }
        atLineStart = body[index] == 0x0A
        index = body.index(after: index)
    }
    if lineLimit == nil {
        // RETR: unstuffed, it is the message with CRLF line ends.
        var unstuffed: [UInt8] = []
        atLineStart = true
        for byte in body {
            if atLineStart, byte == 0x2E { atLineStart = false; continue }
            unstuffed.append(byte)
            atLineStart = byte == 0x0A
        }
        var normalized: [UInt8] = []
        for (i, byte) in input.enumerated() {
            if byte == 0x0A, i == 0 || input[i - 1] != 0x0D { normalized.append(0x0D) }
            normalized.append(byte)
        }
        if let last = normalized.last, last != 0x0A {
            normalized += last == 0x0D ? [0x0A] : [0x0D, 0x0A]
        }
        fuzzCheck(unstuffed == normalized || input.isEmpty, "RETR round trip")
    }
}
