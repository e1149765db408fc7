/// The SMTP client side of one connection as a pure state machine: events in
/// (`SMTPClientEvent`), actions out (`SMTPClientAction`). No I/O, no clock, no NIO.
///
/// The session greets (EHLO, HELO as fallback), upgrades with STARTTLS as its policy says,
/// logs in when it has credentials, then announces `.ready` and sends the messages it is
/// given one transaction at a time, pipelined when the server allows (RFC 2920), with BDAT
/// when offered (RFC 3030), and reports each recipient's outcome. Every command sent
/// pushes the reply it awaits on a queue; replies are matched in order, which is all that
/// pipelining needs.
public struct SMTPClientSession: Sendable {
    public let configuration: SMTPClientConfiguration

    /// A reply the session is waiting for, in the order the commands were sent.
    enum Expectation: Hashable, Sendable {
        case greeting, ehlo, helo, startTLS
        case authPlain, authLoginStart, authLoginUser, authLoginPassword
        case mail
        case recipient(Int)
        case data
        /// The reply after the final dot; `empty` when the dot only closed a DATA that no
        /// recipient needed (every RCPT failed but the server still said 354).
        case dataEnd(empty: Bool)
        case bdat(last: Bool)
        case rset, quit
    }

    enum Phase: Hashable, Sendable {
        case notConnected
        /// Greeting, EHLO/HELO, STARTTLS, AUTH: until `.ready`.
        case opening
        case tlsHandshake
        case ready
        case transaction
        /// RSET after a transaction that did not end cleanly.
        case resetting
        case quitting
        case closed
    }

    struct Transaction: Sendable {
        var message: SMTPClientMessage
        var pipelined: Bool
        var chunked: Bool
        var smtpUTF8: Bool
        var mailReply: SMTPReply?
        var recipientReplies: [SMTPReply?]
        /// Results decided before the transaction (unsafe addresses).
        var early: [Int: SMTPRecipientResult]
        /// Indices sent with RCPT, in order.
        var sent: [Int]
        /// The first failure among the DATA/BDAT replies.
        var dataFailure: SMTPReply?
        /// Chunks not yet sent (BDAT without pipelining).
        var chunks: [[UInt8]] = []

        var mailAccepted: Bool { mailReply.map { $0.code < 400 } ?? false }
        var accepted: [Int] { sent.filter { recipientReplies[$0].map { $0.code < 400 } ?? false } }
    }

    var phase = Phase.notConnected
    var expecting: [Expectation] = []
    var parser = SMTPReplyParser()
    public private(set) var capabilities = SMTPServerCapabilities()
    public private(set) var isEncrypted = false
    public private(set) var isAuthenticated = false
    /// The server greeted with EHLO (false after the HELO fallback).
    public private(set) var usedEHLO = false
    /// Messages given to this session so far.
    public private(set) var messageCount = 0
    var transaction: Transaction?
    private var actions: [SMTPClientAction] = []

    public init(configuration: SMTPClientConfiguration) {
        self.configuration = configuration
    }

    // MARK: Events

    public mutating func handle(_ event: SMTPClientEvent) -> [SMTPClientAction] {
        switch event {
        case .connected(let tls):
            if phase == .notConnected {
                isEncrypted = tls
                phase = .opening
                expecting = [.greeting]
            }
        case .received(let bytes):
            if phase != .closed && phase != .tlsHandshake && phase != .notConnected {
                parser.append(bytes)
                processReplies()
            }
        case .tlsEstablished:
            if phase == .tlsHandshake {
                isEncrypted = true
                // RFC 3207 §4.2: forget everything learnt before; greet again.
                capabilities = SMTPServerCapabilities()
                phase = .opening
                sendCommand(SMTPClientCommands.line("EHLO \(configuration.heloName)"), expecting: .ehlo)
            }
        case .tlsFailed(let reason):
            if phase == .tlsHandshake {
                fail(SMTPClientFailure(stage: .tlsHandshake, reply: nil, reason: "TLS handshake failed: \(reason)"),
                     quit: false)
            }
        case .timedOut:
            if let waiting = timeout?.waitingFor {
                connectionLost("timeout while waiting for \(waiting)")
            }
        case .connectionClosed:
            switch phase {
            case .closed, .notConnected: break
            case .quitting: phase = .closed
            default: connectionLost("connection closed by the server")
            }
        case .send(let message):
            if phase == .ready { begin(message) }
        case .quit:
            if phase == .ready {
                phase = .quitting
                sendCommand(SMTPClientCommands.line("QUIT"), expecting: .quit)
            }
        }
        let output = actions
        actions = []
        return output
    }

    // MARK: Observations

    /// The timeout in force: waiting for a reply (or the TLS handshake); nil when idle.
    public var timeout: SMTPClientTimeout? {
        let t = configuration.timeouts
        if phase == .tlsHandshake { return SMTPClientTimeout(waitingFor: "TLS handshake", duration: t.command) }
        guard let next = expecting.first else { return nil }
        switch next {
        case .greeting: return SMTPClientTimeout(waitingFor: "initial greeting", duration: t.greeting)
        case .mail: return SMTPClientTimeout(waitingFor: "reply to MAIL FROM", duration: t.mail)
        case .recipient: return SMTPClientTimeout(waitingFor: "reply to RCPT TO", duration: t.recipient)
        case .data: return SMTPClientTimeout(waitingFor: "reply to DATA", duration: t.dataInitiation)
        case .dataEnd, .bdat: return SMTPClientTimeout(waitingFor: "reply to end of data", duration: t.dataTermination)
        case .ehlo, .helo: return SMTPClientTimeout(waitingFor: "reply to EHLO/HELO", duration: t.command)
        case .startTLS: return SMTPClientTimeout(waitingFor: "reply to STARTTLS", duration: t.command)
        case .authPlain, .authLoginStart, .authLoginUser, .authLoginPassword:
            return SMTPClientTimeout(waitingFor: "reply to AUTH", duration: t.command)
        case .rset: return SMTPClientTimeout(waitingFor: "reply to RSET", duration: t.command)
        case .quit: return SMTPClientTimeout(waitingFor: "reply to QUIT", duration: t.command)
        }
    }

    public var isReady: Bool { phase == .ready }
    /// Between STARTTLS's 220 and `.tlsEstablished`/`.tlsFailed`.
    public var isNegotiatingTLS: Bool { phase == .tlsHandshake }
    public var isClosed: Bool { phase == .closed }

    // MARK: Replies

    private mutating func processReplies() {
        while phase != .closed && phase != .tlsHandshake {
            let reply: SMTPReply?
            do {
                reply = try parser.next()
            } catch {
                protocolError(error.description)
                return
            }
            guard let reply else { return }
            guard !expecting.isEmpty else {
                // Only a 421 may come unasked (RFC 5321 §3.8); anything else is a broken server.
                if reply.code == 421 {
                    serviceClosing(reply)
                } else {
                    protocolError("unexpected reply \(reply.summary)")
                }
                return
            }
            if reply.code == 421 && expecting.first != .quit {
                serviceClosing(reply)
                return
            }
            let expectation = expecting.removeFirst()
            handle(reply, to: expectation)
        }
    }

    private mutating func handle(_ reply: SMTPReply, to expectation: Expectation) {
        switch expectation {
        case .greeting: greeted(reply)
        case .ehlo: ehloAnswered(reply)
        case .helo: heloAnswered(reply)
        case .startTLS: startTLSAnswered(reply)
        case .authPlain, .authLoginStart, .authLoginUser, .authLoginPassword: authAnswered(reply, expectation)
        case .mail: mailAnswered(reply)
        case .recipient(let index): recipientAnswered(reply, index: index)
        case .data: dataAnswered(reply)
        case .dataEnd(let empty): dataEndAnswered(reply, empty: empty)
        case .bdat(let last): chunkAnswered(reply, last: last)
        case .rset:
            if reply.code == 250 {
                becomeReady()
            } else {
                fail(SMTPClientFailure(stage: .reset, reply: reply, reason: "RSET refused"), quit: true)
            }
        case .quit:
            phase = .closed
            emit(.close)
        }
    }

    // MARK: Opening

    private mutating func greeted(_ reply: SMTPReply) {
        guard reply.code == 220 else {
            // RFC 5321 §3.1: a 554 greeting means no service here; QUIT and go.
            fail(SMTPClientFailure(stage: .greeting, reply: reply, reason: "server refused the connection",
                                   isPermanent: reply.code >= 500), quit: true)
            return
        }
        sendCommand(SMTPClientCommands.line("EHLO \(configuration.heloName)"), expecting: .ehlo)
    }

    private mutating func ehloAnswered(_ reply: SMTPReply) {
        guard reply.code == 250 else {
            // RFC 5321 §3.2: a server that does not know EHLO gets HELO.
            sendCommand(SMTPClientCommands.line("HELO \(configuration.heloName)"), expecting: .helo)
            return
        }
        usedEHLO = true
        capabilities = SMTPServerCapabilities(ehloReply: reply)
        greetedAndKnown()
    }

    private mutating func heloAnswered(_ reply: SMTPReply) {
        guard reply.code == 250 else {
            fail(SMTPClientFailure(stage: .hello, reply: reply, reason: "server refused EHLO and HELO",
                                   isPermanent: reply.code >= 500), quit: true)
            return
        }
        usedEHLO = false
        capabilities = SMTPServerCapabilities()
        greetedAndKnown()
    }

    /// After EHLO/HELO: STARTTLS if the policy wants it, then AUTH, then ready.
    private mutating func greetedAndKnown() {
        if !isEncrypted && (configuration.tls == .opportunistic || configuration.tls == .required) {
            if capabilities.startTLS {
                sendCommand(SMTPClientCommands.line("STARTTLS"), expecting: .startTLS)
                return
            }
            if configuration.tls == .required {
                fail(SMTPClientFailure(stage: .startTLS, reply: nil,
                                       reason: "TLS is required but the server does not offer STARTTLS"), quit: true)
                return
            }
        }
        authenticateOrBecomeReady()
    }

    private mutating func startTLSAnswered(_ reply: SMTPReply) {
        if reply.code == 220 {
            // Nothing the server sent in plaintext after its 220 may be used (RFC 3207 §4.2).
            parser.reset()
            phase = .tlsHandshake
            emit(.startTLS)
            return
        }
        if configuration.tls == .required {
            fail(SMTPClientFailure(stage: .startTLS, reply: reply, reason: "TLS is required but STARTTLS was refused"),
                 quit: true)
            return
        }
        authenticateOrBecomeReady()
    }

    private mutating func authenticateOrBecomeReady() {
        guard let credentials = configuration.credentials, !isAuthenticated else {
            becomeReady()
            return
        }
        guard isEncrypted || configuration.allowPlaintextAuthentication else {
            fail(SMTPClientFailure(stage: .authentication, reply: nil,
                                   reason: "refusing to send the password without TLS"), quit: true)
            return
        }
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            sendCommand(SMTPClientCommands.authPlain(credentials), expecting: .authPlain)
        } else if mechanisms.contains("LOGIN") {
            sendCommand(SMTPClientCommands.line("AUTH LOGIN"), expecting: .authLoginStart)
        } else {
            fail(SMTPClientFailure(stage: .authentication, reply: nil,
                                   reason: "server offers neither AUTH PLAIN nor AUTH LOGIN"), quit: true)
        }
    }

    private mutating func authAnswered(_ reply: SMTPReply, _ step: Expectation) {
        guard let credentials = configuration.credentials else { return }
        switch (step, reply.code) {
        case (.authPlain, 235), (.authLoginPassword, 235):
            isAuthenticated = true
            becomeReady()
        case (.authLoginStart, 334):
            sendCommand(SMTPClientCommands.base64Line(credentials.username), expecting: .authLoginUser)
        case (.authLoginUser, 334):
            sendCommand(SMTPClientCommands.base64Line(credentials.password), expecting: .authLoginPassword)
        case (_, 334):
            // A challenge where none belongs: cancel the exchange (RFC 4954 §4) and give up.
            emit(.send(SMTPClientCommands.line("*")))
            fail(SMTPClientFailure(stage: .authentication, reply: reply, reason: "unexpected AUTH challenge"), quit: false)
        default:
            fail(SMTPClientFailure(stage: .authentication, reply: reply, reason: "authentication failed"), quit: true)
        }
    }

    private mutating func becomeReady() {
        phase = .ready
        emit(.ready)
    }

    // MARK: Transaction

    private mutating func begin(_ message: SMTPClientMessage) {
        messageCount += 1
        if let refusal = refusal(for: message) {
            let result = SMTPTransactionResult(
                recipients: message.recipients.map { _ in refusal },
                serverSupportsDSN: capabilities.dsn)
            emit(.finished(result))
            emit(.ready)
            return
        }
        var early: [Int: SMTPRecipientResult] = [:]
        var sent: [Int] = []
        for (index, recipient) in message.recipients.enumerated() {
            if SMTPClientCommands.isSafePath(recipient.address) && !recipient.address.isEmpty {
                sent.append(index)
            } else {
                early[index] = SMTPRecipientResult(outcome: .failed, reply: SMTPReply(553, "5.1.3", "Bad recipient address syntax"),
                                                   stage: .beforeTransaction, isLocal: true)
            }
        }
        let smtpUTF8 = capabilities.smtpUTF8 && (message.requiresSMTPUTF8 || message.requestsSMTPUTF8)
        let current = Transaction(
            message: message, pipelined: configuration.usePipelining && capabilities.pipelining,
            chunked: configuration.useChunking && capabilities.chunking, smtpUTF8: smtpUTF8,
            recipientReplies: message.recipients.map { _ in nil }, early: early, sent: sent)
        guard !sent.isEmpty else {
            emit(.finished(result(of: current)))
            emit(.ready)
            return
        }
        phase = .transaction
        var batch = SMTPClientCommands.mail(message, capabilities: capabilities, smtpUTF8: smtpUTF8)
        expecting.append(.mail)
        if current.pipelined {
            for index in sent {
                batch += SMTPClientCommands.recipient(message.recipients[index], capabilities: capabilities, smtpUTF8: smtpUTF8)
                expecting.append(.recipient(index))
            }
            if !current.chunked {
                // RFC 2920 §3.1: DATA may end the group; its reply tells whether to send.
                batch += SMTPClientCommands.line("DATA")
                expecting.append(.data)
            }
        }
        transaction = current
        emit(.send(batch))
    }

    /// A reason to fail the whole message before sending anything: what the server
    /// announced it cannot take.
    private func refusal(for message: SMTPClientMessage) -> SMTPRecipientResult? {
        func local(_ code: Int, _ enhanced: SMTPEnhancedStatusCode, _ text: String) -> SMTPRecipientResult {
            SMTPRecipientResult(outcome: .failed, reply: SMTPReply(code, enhanced, text), stage: .beforeTransaction, isLocal: true)
        }
        if message.reversePath.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) || !SMTPClientCommands.isSafePath(message.reversePath) {
            return local(553, "5.1.7", "Bad sender address syntax")
        }
        if let limit = capabilities.maximumSize {
            let size = SMTPMessageEncoding.canonical(message.content).count
            if size > limit {
                // RFC 1870 §6.
                return local(552, "5.3.4", "Message size \(size) exceeds the fixed maximum message size \(limit) of the remote server")
            }
        }
        if message.requiresSMTPUTF8 && !capabilities.smtpUTF8 {
            // RFC 6531 §3.5: X.6.7 for addresses, X.6.9 for an internationalized header.
            let addresses = ([message.reversePath] + message.recipients.map(\.address)).contains { $0.utf8.contains { $0 >= 0x80 } }
            return addresses
                ? local(553, "5.6.7", "The remote server does not support SMTPUTF8, needed for a non-ASCII address")
                : local(554, "5.6.9", "The remote server does not support SMTPUTF8, needed for this message's UTF-8 header")
        }
        if message.isEightBit && !capabilities.eightBitMIME {
            // RFC 6152 §3: convert or return; Postino returns it (RFC 3463 X.6.3).
            return local(554, "5.6.3", "The remote server does not support 8BITMIME and the message has 8-bit content; conversion is not supported")
        }
        return nil
    }

    private mutating func mailAnswered(_ reply: SMTPReply) {
        guard var current = transaction else { return }
        current.mailReply = reply
        transaction = current
        if current.pipelined {
            if current.sent.isEmpty { finishTransaction() }
            return  // the RCPT (and DATA) replies follow
        }
        guard reply.code < 400 else {
            finishTransaction()
            return
        }
        sendRecipient(at: 0)
    }

    private mutating func sendRecipient(at position: Int) {
        guard let current = transaction, position < current.sent.count else { return }
        let index = current.sent[position]
        sendCommand(SMTPClientCommands.recipient(current.message.recipients[index], capabilities: capabilities,
                                                 smtpUTF8: current.smtpUTF8), expecting: .recipient(index))
    }

    private mutating func recipientAnswered(_ reply: SMTPReply, index: Int) {
        guard var current = transaction, index < current.recipientReplies.count else { return }
        current.recipientReplies[index] = reply
        transaction = current
        guard index == current.sent.last else {
            if !current.pipelined, let position = current.sent.firstIndex(of: index) {
                sendRecipient(at: position + 1)
            }
            return
        }
        recipientsDone()
    }

    /// Every RCPT has its reply: send the message, or end the transaction.
    private mutating func recipientsDone() {
        guard var current = transaction else { return }
        let willSendData = current.pipelined && !current.chunked  // DATA is already on its way
        guard current.mailAccepted, !current.accepted.isEmpty else {
            if !willSendData { finishTransaction() }
            return
        }
        if current.chunked {
            let chunks = SMTPMessageEncoding.chunks(current.message.content, size: configuration.chunkSize)
            if current.pipelined {
                // RFC 3030 §4.2: chunks may be pipelined.
                for (index, chunk) in chunks.enumerated() {
                    expecting.append(.bdat(last: index == chunks.count - 1))
                    emit(.send(chunk))
                }
            } else {
                current.chunks = Array(chunks.dropFirst())
                transaction = current
                sendCommand(chunks[0], expecting: .bdat(last: chunks.count == 1))
            }
        } else if !willSendData {
            sendCommand(SMTPClientCommands.line("DATA"), expecting: .data)
        }
    }

    private mutating func dataAnswered(_ reply: SMTPReply) {
        guard var current = transaction else { return }
        guard reply.code == 354 else {
            current.dataFailure = reply
            transaction = current
            finishTransaction()
            return
        }
        if current.mailAccepted && !current.accepted.isEmpty {
            sendCommand(SMTPMessageEncoding.dotStuffed(current.message.content), expecting: .dataEnd(empty: false))
        } else {
            // RFC 2920 §3.1: DATA was pipelined, every RCPT failed, yet the server wants the
            // message: send none, only the dot, and ignore what it says.
            sendCommand(SMTPClientCommands.line("."), expecting: .dataEnd(empty: true))
        }
    }

    private mutating func dataEndAnswered(_ reply: SMTPReply, empty: Bool) {
        guard var current = transaction else { return }
        if !empty && reply.code >= 400 { current.dataFailure = reply }
        if !empty && reply.code < 400 { current.dataFailure = nil }
        transaction = current
        finishTransaction(dataReply: empty ? nil : reply, transactionOver: true)
    }

    private mutating func chunkAnswered(_ reply: SMTPReply, last: Bool) {
        guard var current = transaction else { return }
        if reply.code >= 400 && current.dataFailure == nil { current.dataFailure = reply }
        transaction = current
        if !current.pipelined && current.dataFailure == nil && !last, !current.chunks.isEmpty {
            let next = current.chunks.removeFirst()
            transaction = current
            sendCommand(next, expecting: .bdat(last: current.chunks.isEmpty))
            return
        }
        // RFC 3030 §2: after a failed chunk no more are sent; pipelined ones are answered
        // (and discarded by the server), so wait for the last reply.
        if last || (!current.pipelined && current.dataFailure != nil) {
            finishTransaction(dataReply: current.dataFailure == nil ? reply : nil,
                              transactionOver: current.dataFailure == nil)
        }
    }

    /// Reports the outcome and, when the server may still hold an open transaction, RSETs.
    private mutating func finishTransaction(dataReply: SMTPReply? = nil, transactionOver: Bool = false) {
        guard let current = transaction else { return }
        emit(.finished(result(of: current, dataReply: dataReply)))
        transaction = nil
        if current.mailAccepted && !transactionOver {
            phase = .resetting
            sendCommand(SMTPClientCommands.line("RSET"), expecting: .rset)
        } else {
            becomeReady()
        }
    }

    /// Each recipient's outcome: MAIL's failure, else RCPT's, else the data reply.
    private func result(of current: Transaction, dataReply: SMTPReply? = nil,
                        lost: SMTPReply? = nil) -> SMTPTransactionResult {
        var results: [SMTPRecipientResult] = []
        for index in current.message.recipients.indices {
            if let early = current.early[index] {
                results.append(early)
            } else if let mail = current.mailReply, mail.code >= 400 {
                results.append(.from(mail, stage: .mail))
            } else if let rcpt = current.recipientReplies[index], rcpt.code >= 400 {
                results.append(.from(rcpt, stage: .recipient))
            } else if current.mailReply != nil, current.recipientReplies[index] != nil, let failure = current.dataFailure {
                results.append(.from(failure, stage: .data))
            } else if let dataReply {
                results.append(.from(dataReply, stage: .data))
            } else {
                let reply = lost ?? SMTPReply(451, "4.4.2", "Transaction not completed")
                let stage: SMTPRecipientResult.Stage = current.mailReply == nil ? .mail
                    : current.recipientReplies[index] == nil ? .recipient : .data
                results.append(SMTPRecipientResult(outcome: .deferred, reply: reply, stage: stage, isLocal: lost?.code != 421))
            }
        }
        return SMTPTransactionResult(recipients: results, serverSupportsDSN: capabilities.dsn)
    }

    // MARK: Failures

    /// RFC 5321 §3.8: 421 ends the session; what was in flight is deferred with it.
    private mutating func serviceClosing(_ reply: SMTPReply) {
        if let current = transaction {
            emit(.finished(result(of: current, lost: reply)))
            transaction = nil
        }
        let stage = currentStage
        expecting = []
        phase = .closed
        emit(.failed(SMTPClientFailure(stage: stage, reply: reply, reason: "server closed the session")))
        emit(.close)
    }

    /// RFC 5321 §4.1.4 asks to treat a lost connection as a 451.
    private mutating func connectionLost(_ reason: String) {
        if let current = transaction {
            emit(.finished(result(of: current, lost: SMTPReply(451, "4.4.2", reason))))
            transaction = nil
        }
        let stage = currentStage
        expecting = []
        phase = .closed
        emit(.failed(SMTPClientFailure(stage: stage, reply: nil, reason: reason)))
        emit(.close)
    }

    private mutating func protocolError(_ reason: String) {
        connectionLost("protocol error: \(reason)")
    }

    /// Ends the session outside a transaction, politely with QUIT when the stream is intact.
    private mutating func fail(_ failure: SMTPClientFailure, quit: Bool) {
        if let current = transaction {
            emit(.finished(result(of: current, lost: failure.reply ?? SMTPReply(451, "4.4.2", failure.reason))))
            transaction = nil
        }
        expecting = []
        phase = .closed
        emit(.failed(failure))
        if quit { emit(.send(SMTPClientCommands.line("QUIT"))) }
        emit(.close)
    }

    private var currentStage: SMTPClientFailure.Stage {
        switch phase {
        case .notConnected, .opening:
            switch expecting.first {
            case .greeting, nil: return .greeting
            case .ehlo, .helo: return .hello
            case .startTLS: return .startTLS
            default: return .authentication
            }
        case .tlsHandshake: return .tlsHandshake
        case .ready, .quitting, .closed: return .idle
        case .transaction: return .transaction
        case .resetting: return .reset
        }
    }

    // MARK: Output

    private mutating func sendCommand(_ bytes: [UInt8], expecting expectation: Expectation) {
        expecting.append(expectation)
        emit(.send(bytes))
    }

    private mutating func emit(_ action: SMTPClientAction) {
        actions.append(action)
    }
}
