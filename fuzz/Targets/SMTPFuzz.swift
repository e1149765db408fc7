// Fuzz target `smtp`: the SMTP command parser, the server session state machine (driven
// like the NIO glue drives it, checking the glue contract) and the client's reply parser.
// The first byte selects: 0 mod 3 = session on port 25, 1 = session on 587, 2 = parsers.
@testable import MailCore
@testable import SMTPProtocol

func fuzzSMTP(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    let input = Array(data.dropFirst())
    switch selector % 3 {
    case 0: fuzzSMTPSession(input, role: .mx)
    case 1: fuzzSMTPSession(input, role: .submission)
    default: fuzzSMTPParsers(input)
    }
}

private func fuzzSMTPParsers(_ input: [UInt8]) {
    for line in input.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(200) {
        let text = line.last == 0x0D ? line.dropLast() : line
        if let command = try? SMTPCommandParser.parse(text) {
            _ = "\(command)"
        }
    }
    var replies = SMTPReplyParser(maxLineLength: 512, maxLines: 20)
    replies.append(input)
    while true {
        do {
            guard let reply = try replies.next() else { break }
            fuzzCheck((100...599).contains(reply.code), "reply code in range")
            _ = reply.description
        } catch {
            break
        }
        fuzzCheck(replies.bufferedCount <= input.count, "reply buffer bounded")
    }
}

/// Feeds `input` in chunks whose sizes come from the input, answers every question the
/// session asks (accept or refuse, decided by the input), and checks the contract the
/// NIO glue relies on.
private func fuzzSMTPSession(_ input: [UInt8], role: SMTPSessionConfiguration.Role) {
    var configuration = SMTPSessionConfiguration(role: role, hostname: "mx.example.net")
    configuration.maxMessageSize = 4096
    configuration.maxRecipients = 5
    var session = SMTPSession(configuration: configuration)
    var closed = false
    var messageOpen = false
    var openBytes = 0
    var answers = input.makeIterator()
    func decide() -> Bool { (answers.next() ?? 0) % 5 != 0 }

    func deliver(_ first: SMTPSessionEvent) {
        var queue = [first]
        var steps = 0
        while !queue.isEmpty {
            steps += 1
            fuzzCheck(steps < 10_000, "the session answers in bounded steps")
            let event = queue.removeFirst()
            for action in session.handle(event) {
                fuzzCheck(!closed, "no action after close")
                switch action {
                case .send(let reply):
                    let text = reply.description
                    fuzzCheck(text.hasSuffix("\r\n"), "replies end with CRLF")
                    fuzzCheck((200...599).contains(reply.code), "reply code in range")
                case .startTLS:
                    queue.append(.tlsEstablished(SMTPTLSInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256")))
                case .close:
                    closed = true
                case .beginMessage:
                    fuzzCheck(!messageOpen, "beginMessage while a message is open")
                    messageOpen = true
                    openBytes = 0
                case .appendMessageBytes(let bytes):
                    fuzzCheck(messageOpen, "append with no message open")
                    openBytes += bytes.count
                    fuzzCheck(openBytes <= 4096 + 4096, "message bytes bounded near the size limit")
                case .abortMessage:
                    fuzzCheck(messageOpen, "abort with no message open")
                    messageOpen = false
                case .checkSender:
                    queue.append(.senderChecked(decide() ? .accept : .reject(SMTPReply(550, "5.7.1", "no"))))
                case .checkRecipient:
                    queue.append(.recipientChecked(decide() ? .accept : .reject(SMTPReply(550, "5.1.1", "unknown"))))
                case .authenticate(let credentials):
                    queue.append(.authenticationChecked(decide() ? .success(user: credentials.username) : .invalidCredentials))
                case .commitMessage:
                    fuzzCheck(messageOpen, "commit with no message open")
                    messageOpen = false
                    queue.append(.messageCommitted(decide() ? .queued(queueID: "Q1") : .reject(SMTPReply(451, "4.3.0", "later"))))
                }
            }
        }
    }

    deliver(.connected(SMTPConnectionInfo(remoteAddress: "192.0.2.7", remotePort: 40000)))
    var offset = 0
    var chunk = 1
    while offset < input.count, !closed {
        let end = min(input.count, offset + chunk)
        deliver(.received(Array(input[offset..<end])))
        chunk = Int(input[end - 1] % 97) + 1
        offset = end
    }
    if !closed { deliver(.connectionClosed) }
}
