// Fuzz target `imap`: the IMAP codec — command framing and parsing, and the message
// structures served to clients. The first input byte selects: even = command stream,
// odd = message.
@testable import IMAPProtocol
@testable import MailCore

private func check(_ condition: @autoclosure () -> Bool, _ what: String) {
    if !condition() { fatalError("invariant violated: \(what)") }
}

/// Feeds `data` to a reader in chunks whose sizes come from the input itself, parses
/// every frame and encodes every error response.
private func fuzzCommands(_ data: [UInt8]) {
    let limits = IMAPReaderLimits(maximumLineLength: 256, maximumLiteralSize: 128, maximumAppendSize: 512, maximumCommandSize: 1024)
    var reader = IMAPCommandReader(limits: limits)
    reader.reportedLiteralSize = 64  // large LITERAL+ literals are announced, as in the server
    reader.spillLiteralSize = 256  // and the largest APPEND literals handed out in chunks
    var spilling = 0
    var offset = 0
    var chunk = 1
    while offset < data.count {
        let end = min(data.count, offset + chunk)
        reader.append(data[offset..<end])
        offset = end
        chunk = Int(data[end - 1] % 61) + 1
        while true {
            let event = reader.nextCommand()
            switch event {
            case .needMoreData: break
            case .command(let frame):
                check(frame.bytes.count <= 1024 + 512, "frame within the command limit")
                do {
                    let command = try IMAPCommandParser.parse(frame)
                    _ = command.kind.name
                } catch {
                    _ = IMAPResponseEncoder.encode(error.response)
                }
                continue
            case .continuationRequired(let request):
                check(request.size <= 512, "literal within the limit")
                if request.isSpilled { spilling = request.size }
                if request.size % 7 == 3 { reader.rejectPendingLiteral() }
                continue
            case .literalArriving(let request):
                check(request.size >= 64 && request.size <= 512, "announced literal within the limits")
                if request.size % 5 == 2, !request.isSpilled { reader.discardPendingLiteral() }
                if request.isSpilled { spilling = request.size }
                continue
            case .literalData(let chunk):
                check(!chunk.isEmpty && chunk.count <= spilling, "spilled chunks within the announced literal")
                spilling -= chunk.count
                continue
            case .rejected(let error):
                _ = IMAPResponseEncoder.encode(error.response)
                continue
            }
            break
        }
        check(reader.bufferedByteCount <= 256 + 61, "reader buffer bounded")
        if data[end - 1] == 0x44 {
            _ = reader.nextLine(maximumLength: 64)
        }
    }
}

/// Parses `data` as a message and serves everything a client can ask for.
private func fuzzMessage(_ data: [UInt8]) {
    let message = Message(bytes: data)
    let structure = IMAPBodyStructure(message: message)
    _ = IMAPResponseEncoder.encodedValue(of: .bodyStructure(structure))
    _ = IMAPResponseEncoder.encodedValue(of: .body(structure))
    _ = IMAPResponseEncoder.encodedValue(of: .envelope(IMAPEnvelope(message: message)))
    let sections = IMAPMessageSections(message: message)
    for part in message.allParts.prefix(50) {
        let numbers = part.partNumber.split(separator: ".").compactMap { UInt32($0) }
        for text: IMAPSection.Text? in [nil, .mime, .header, .text, .headerFields(["From", "Subject"])] {
            if let slice = sections.body(IMAPSection(part: numbers, text: text)) {
                check(slice.count <= data.count * 2 + 4, "section size bounded")
            }
        }
        _ = sections.binary(part: numbers)
    }
    _ = IMAPBaseSubject.extract(fromRawValue: message.header.first(named: "Subject")?.unfoldedBytes ?? [])
}

func fuzzIMAP(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    if selector % 2 == 0 {
        fuzzCommands(Array(data.dropFirst()))
    } else {
        fuzzMessage(Array(data.dropFirst()))
    }
}
