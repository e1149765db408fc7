// Fuzz target `pop3-client`: the POP3 client session connectors use (POP3Protocol/Client),
// driven with server bytes from the input: status lines, multi-line replies and their
// dot-stuffing, pipelined commands, and the listings (UIDL, LIST, STAT, CAPA) parsed from
// the replies. Two sessions read the same bytes, one whole and one in chunks: they must
// give the same replies, errors and states.
//
// Input: rounds of [command byte, length byte, that many server bytes]. Each round sends
// the command (when the state allows it), then feeds the bytes.
@testable import MailCore
@testable import POP3Protocol

private let clientCommands: [POP3ClientCommand] = [
    .capa, .user("u"), .pass("p w"), .authPlain(SASLPlainMessage(authorizationID: nil, authenticationID: "u", password: "p")),
    .stat, .list, .uidl, .retr(1), .top(2, lines: 3), .dele(1), .rset, .noop, .quit, .stls,
]

private struct POP3ClientRun {
    var session = POP3ClientSession(maximumLineLength: 64, maximumReplySize: 512)
    var sent: [POP3ClientCommand] = []
    var events: [POP3ClientEvent] = []
    var error: POP3ClientError?

    mutating func receive(_ bytes: ArraySlice<UInt8>) {
        guard error == nil else { return }
        do {
            events += try session.receive(bytes)
        } catch {
            self.error = error
        }
    }
}

func fuzzPOP3Client(_ data: [UInt8]) {
    var whole = POP3ClientRun()
    var chunked = POP3ClientRun()
    var offset = 0
    while offset + 2 <= data.count {
        let command = clientCommands[Int(data[offset]) % clientCommands.count]
        let length = Int(data[offset + 1])
        let bytes = data[(offset + 2)..<min(data.count, offset + 2 + length)]
        offset += 2 + bytes.count
        for index in [0, 1] {
            var run = index == 0 ? whole : chunked
            defer { if index == 0 { whole = run } else { chunked = run } }
            guard run.error == nil else { continue }
            if let wire = try? run.session.send(command) {
                fuzzCheck(wire.suffix(2).elementsEqual([0x0D, 0x0A]) && wire.filter({ $0 == 0x0A }).count == 1,
                          "a command is one CRLF line")
                run.sent.append(command)
            }
            if index == 0 {
                run.receive(bytes)
            } else {
                var start = bytes.startIndex
                var chunk = 1
                while start < bytes.endIndex {
                    let end = min(bytes.endIndex, start + chunk)
                    run.receive(bytes[start..<end])
                    chunk = Int(bytes[end - 1] % 7) + 1
                    start = end
                }
            }
            if run.error == nil, run.session.isReadingMultiLine, command == .noop {
                // A transport that framed the rest of the reply itself (MailConnection).
                do { run.events.append(try run.session.completeMultiLine(data: Array("x\r\n".utf8))) } catch { run.error = error }
            }
        }
        // STLS: whether bytes came after the +OK depends on how they were read.
        if whole.error == .bytesAcrossTLS || chunked.error == .bytesAcrossTLS { break }
        if whole.error != chunked.error {
            fatalError("invariant violated: the same error whatever the chunking: \(String(describing: whole.error)) / \(String(describing: chunked.error))")
        }
        // A receive that throws drops the replies it had completed: the caller closes.
        if whole.error != nil { break }
        fuzzCheck(whole.events == chunked.events, "the same replies whatever the chunking")
        fuzzCheck(whole.session.state == chunked.session.state, "the same state whatever the chunking")
        fuzzCheck(whole.session.awaitingReplies == chunked.session.awaitingReplies, "the same pending replies")
    }
    checkPOP3Replies(whole)
}

private func checkPOP3Replies(_ run: POP3ClientRun) {
    var expected = run.sent[...]
    for (index, event) in run.events.enumerated() {
        switch event {
        case .greeting(let reply):
            fuzzCheck(index == 0, "the greeting comes first")
            fuzzCheck(reply.data == nil, "the greeting is one line")
        case .reply(let command, let reply):
            fuzzCheck(command == expected.first, "replies in the order of the commands")
            expected = expected.dropFirst()
            if let data = reply.data {
                fuzzCheck(reply.isOK && command.expectsMultiLine, "data only after +OK to a multi-line command")
                fuzzCheck(data.count <= 512, "reply within its limit")
                fuzzCheck(data.isEmpty || data.suffix(2).elementsEqual([0x0D, 0x0A]), "data ends with CRLF")
                for (i, byte) in data.enumerated() where byte == 0x0A {
                    fuzzCheck(i > 0 && data[i - 1] == 0x0D, "every LF in the data has its CR")
                }
            }
            fuzzCheck(!reply.text.utf8.contains(0x0A), "status text is one line")
            for entry in POP3Listing.uidl(reply) {
                fuzzCheck(entry.number > 0 && (1...70).contains(entry.uid.utf8.count), "UIDL entries valid")
                fuzzCheck(entry.uid.utf8.allSatisfy { (0x21...0x7E).contains($0) }, "UIDL ids printable")
            }
            _ = POP3Listing.sizes(reply)
            _ = POP3Listing.stat(reply)
            for (name, _) in POP3Listing.capabilities(reply) { fuzzCheck(name == name.uppercased(), "capability names upper case") }
        }
    }
}
