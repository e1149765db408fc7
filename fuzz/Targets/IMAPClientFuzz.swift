// Fuzz target `imap-client`: the IMAP client side connectors and sync use
// (IMAPProtocol/Client). The first input byte selects:
//   0: server bytes, framed into responses as MailConnection.readIMAPResponse frames them
//      (literals inline), each parsed by IMAPClientResponseParser;
//   1: responses Postino's own server encoder writes from values in the input, which the
//      client parser must read back to the same values (sync from a Postino server);
//   2: client commands carrying strings from the input (atom, quoted or literal), which
//      the server's reader and parser must read back to the same strings.
@testable import IMAPProtocol
@testable import MailCore

func fuzzIMAPClient(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    let input = Array(data.dropFirst())
    switch selector % 3 {
    case 0: fuzzIMAPClientResponses(input)
    case 1: fuzzIMAPServerToClient(input)
    default: fuzzIMAPClientCommands(input)
    }
}

/// Splits `bytes` into complete responses: a line, and when it ends with a literal's
/// announcement `{n}` (or `{n+}`), the literal and the next line with it.
private func imapResponses(_ bytes: [UInt8]) -> [[UInt8]] {
    var responses: [[UInt8]] = []
    var start = 0
    var position = 0
    while let lf = bytes[position...].firstIndex(of: 0x0A) {
        var lineEnd = lf
        if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        if let length = announcedLiteral(bytes[position..<lineEnd]) {
            guard lf + 1 + length <= bytes.count else { break }
            position = lf + 1 + length
            continue
        }
        responses.append(Array(bytes[start..<lineEnd]))
        start = lf + 1
        position = start
    }
    return responses
}

private func announcedLiteral(_ line: ArraySlice<UInt8>) -> Int? {
    guard line.last == 0x7D else { return nil }
    var digits = line.dropLast()
    if digits.last == 0x2B { digits = digits.dropLast() }
    var value = 0
    var count = 0
    while let last = digits.last, (0x30...0x39).contains(last), count < 12 {
        value += Int(last - 0x30) * [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
                                     1_000_000_000, 10_000_000_000, 100_000_000_000][count]
        count += 1
        digits = digits.dropLast()
    }
    guard count > 0, digits.last == 0x7B else { return nil }
    return value
}

private func fuzzIMAPClientResponses(_ input: [UInt8]) {
    for response in imapResponses(input) {
        guard let parsed = try? IMAPClientResponseParser.parse(response) else { continue }
        switch parsed {
        case .tagged(let tag, _):
            fuzzCheck(!tag.isEmpty && !tag.utf8.contains(0x20), "a tag is one word")
        case .untagged(.fetch(let fetch)):
            for (_, bytes) in fetch.sections { fuzzCheck(bytes.count <= response.count, "section within the response") }
        case .untagged(.search(let numbers)):
            fuzzCheck(numbers.count <= response.count / 2, "search results bounded")
        case .untagged, .continuation:
            break
        }
    }
}

/// Reads values out of the input, with defaults when it runs out.
private struct ValueReader {
    var bytes: ArraySlice<UInt8>

    mutating func byte() -> UInt8 {
        guard let b = bytes.first else { return 0 }
        bytes = bytes.dropFirst()
        return b
    }

    mutating func u32() -> UInt32 { (0..<4).reduce(0) { value, _ in value << 8 | UInt32(byte()) } }
    mutating func u64() -> UInt64 { UInt64(u32()) << 32 | UInt64(u32()) }

    /// `length` bytes (the length read from the input).
    mutating func chunk() -> [UInt8] {
        let count = Int(byte())
        let taken = Array(bytes.prefix(count))
        bytes = bytes.dropFirst(taken.count)
        return taken
    }

    /// Printable ASCII text that does not start with a space or "[" (a resp-text-code).
    mutating func text() -> String {
        var text = chunk().filter { (0x21...0x7E).contains($0) || $0 == 0x20 }
        while let first = text.first, first == 0x20 || first == 0x5B { text.removeFirst() }
        return String(decoding: text, as: UTF8.self)
    }
}

private func parseOne(_ response: IMAPResponse) -> IMAPClientResponse {
    let bytes = IMAPResponseEncoder.encode(response)
    let framed = imapResponses(bytes)
    if framed.count != 1 {
        fatalError("invariant violated: one encoded response frames as one: \(framed.count) in \(bytes.prefix(300))")
    }
    do {
        return try IMAPClientResponseParser.parse(framed[0])
    } catch {
        fatalError("invariant violated: the client reads what the server writes: \(error) in \(String(decoding: bytes.prefix(300), as: UTF8.self))")
    }
}

private func fuzzIMAPServerToClient(_ input: [UInt8]) {
    var reader = ValueReader(bytes: input[...])
    let sequence = reader.u32(), uid = reader.u32(), size = reader.u64(), modSeq = reader.u64()
    let keyword = String(decoding: reader.chunk(), as: UTF8.self)
    let flags = [IMAPFlag.seen, IMAPFlag(keyword), IMAPFlag.flagged]
    let sentFlags = flags.filter { IMAPFlag.parse(Array($0.name.utf8)) != nil }.map(\.name)
    let body = reader.chunk()
    let date = IMAPDateTime(secondsSince1970: Int64(reader.u32()), zoneOffsetMinutes: (Int(reader.byte()) - 128) * 15 % 1440)

    // FETCH: the items a fetcher and sync read.
    let items: [IMAPFetchResponseItem] = [
        .uid(uid), .flags(flags), .internalDate(date), .rfc822Size(size), .modSeq(modSeq),
        .bodySection(.whole, origin: nil, data: body[...]), .bodySection(IMAPSection(part: [], text: .header), origin: 0, data: nil),
    ]
    guard case .untagged(.fetch(let fetch)) = parseOne(.untagged(.fetch(sequence, items))) else {
        fatalError("invariant violated: FETCH read back as FETCH")
    }
    fuzzCheck(fetch.sequenceNumber == sequence && fetch.uid == uid, "FETCH numbers read back")
    fuzzCheck(fetch.size == size && fetch.modSeq == modSeq, "FETCH size and MODSEQ read back")
    fuzzCheck(fetch.flags == sentFlags, "FETCH flags read back")
    fuzzCheck(fetch.internalDate == date, "INTERNALDATE read back")
    fuzzCheck(fetch.body == body, "BODY[] read back")
    fuzzCheck(fetch.sections["HEADER"] == [], "NIL section read back as empty")

    // LIST and STATUS: mailbox names as the server writes them (quoted or literal).
    let name = IMAPMailboxName(wire: reader.chunk())
    let attributes = ["\\HasNoChildren", keyword]
    let list = IMAPListItem(attributes: attributes, name: name)
    guard case .untagged(.list(let entry)) = parseOne(.untagged(.list(list))) else {
        fatalError("invariant violated: LIST read back as LIST")
    }
    fuzzCheck(entry.name == name.encoded && entry.delimiter == "/", "LIST name and delimiter read back")
    fuzzCheck(entry.attributes == attributes.filter { IMAPFlag.parse(Array($0.utf8)) != nil }, "LIST attributes read back")
    let messages = reader.u32(), next = reader.u32()
    let values = [IMAPStatusValue(.messages, UInt64(messages)), IMAPStatusValue(.uidNext, UInt64(next)),
                  IMAPStatusValue(.appendLimit, nil), IMAPStatusValue(.highestModSeq, modSeq)]
    guard case .untagged(.mailboxStatus(let mailbox, let status)) = parseOne(.untagged(.status(name, values))) else {
        fatalError("invariant violated: STATUS read back as STATUS")
    }
    fuzzCheck(mailbox == name.encoded, "STATUS mailbox read back")
    fuzzCheck(status == ["MESSAGES": UInt64(messages), "UIDNEXT": UInt64(next), "HIGHESTMODSEQ": modSeq], "STATUS items read back")

    // SEARCH and the response codes of SELECT, APPEND and COPY.
    let numbers = (0..<Int(reader.byte() % 8)).map { _ in reader.u32() }
    guard case .untagged(.search(let found)) = parseOne(.untagged(.search(numbers, modSeq: modSeq == 0 ? nil : modSeq))) else {
        fatalError("invariant violated: SEARCH read back as SEARCH")
    }
    fuzzCheck(found == numbers, "SEARCH numbers read back")
    let text = reader.text()
    // What the server writes for it: never empty, never ending like a literal's announcement.
    let sentText = text.isEmpty ? "completed" : text + (IMAPOutput.endsLikeLiteral(Array(text.utf8)) ? "." : "")
    let validity = reader.u32()
    let codes: [(IMAPResponseCode, IMAPClientResponseCode)] = [
        (.uidValidity(validity), .uidValidity(validity)), (.uidNext(next), .uidNext(next)),
        (.highestModSeq(modSeq), .highestModSeq(modSeq)), (.readOnly, .readOnly),
        (.permanentFlags(flags, allowsNewKeywords: true), .permanentFlags(sentFlags + ["\\*"])),
    ]
    for (code, expected) in codes {
        guard case .untagged(.status(let status)) = parseOne(.untagged(.condition(.ok, code: code, text: text))) else {
            fatalError("invariant violated: OK read back as OK")
        }
        fuzzCheck(status.kind == .ok && status.code == expected, "response code read back")
        fuzzCheck(status.text == sentText, "response text read back")
    }
    if uid > 0, validity > 0 {
        let tag = "A\(sequence)"
        let appended = parseOne(.tagged(tag, .ok, code: .appendUID(uidValidity: validity, uids: IMAPSequenceSet([IMAPSequenceRange(uid)])), text: text))
        fuzzCheck(appended == .tagged(tag: tag, IMAPClientStatus(kind: .ok, code: .appendUID(uidValidity: validity, uid: uid),
                                                                  text: sentText)),
                  "APPENDUID read back")
    }
}

private func fuzzIMAPClientCommands(_ input: [UInt8]) {
    var reader = ValueReader(bytes: input[...])
    let password = reader.chunk()
    let mailbox = reader.chunk()
    let literalPlus = reader.byte() % 2 == 0
    var login = IMAPClientCommand(tag: "a1", "LOGIN")
    login.string("u")
    login.string(password)
    if case .login(_, let read)? = serverParse(login, literalPlus: literalPlus) {
        fuzzCheck(read == String(decoding: password, as: UTF8.self), "the server reads the password the client sent")
    } else {
        fuzzCheck(password.contains(0), "the server parses the client's LOGIN")
    }
    var select = IMAPClientCommand(tag: "a2", "SELECT")
    select.mailbox(String(decoding: mailbox, as: UTF8.self))
    if case .select(let name, _)? = serverParse(select, literalPlus: literalPlus) {
        fuzzCheck(name == IMAPMailboxName(wire: String(decoding: mailbox, as: UTF8.self).utf8), "the server reads the mailbox the client sent")
    } else {
        fuzzCheck(mailbox.contains(0), "the server parses the client's SELECT")
    }
    let uids = (0..<Int(reader.byte() % 16)).map { _ in reader.u32() % 64 + 1 }
    if !uids.isEmpty {
        let set = IMAPSequenceSet.parse(Array(IMAPClientUIDSet.string(uids).utf8))
        fuzzCheck(set?.resolved(largest: 64) == IMAPNumberSet(uids), "UID sets read back")
    }
}

/// The command as the server reads it (answering every literal's continuation).
private func serverParse(_ command: IMAPClientCommand, literalPlus: Bool) -> IMAPCommand.Kind? {
    var reader = IMAPCommandReader()
    for segment in command.segments(literalPlus: literalPlus) { reader.append(segment) }
    while true {
        switch reader.nextCommand() {
        case .command(let frame): return try? IMAPCommandParser.parse(frame).kind
        case .continuationRequired, .literalArriving, .literalData: continue  // this reader spills nothing
        case .needMoreData, .rejected: return nil
        }
    }
}
