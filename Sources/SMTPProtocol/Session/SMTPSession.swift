import MailCore
import ProtocolCore

/// The SMTP server side of one connection as a pure state machine: events in
/// (`SMTPSessionEvent`), actions out (`SMTPSessionAction`). No I/O, no clock, no NIO.
///
/// Commands are handled one at a time, in order. When one needs the server's answer
/// (sender, recipient, login, commit) the session emits the question and stops reading
/// commands; what arrives meanwhile is kept (PIPELINING read-ahead, RFC 2920) and handled
/// after the answer. Replies therefore always leave in command order.
public struct SMTPSession: Sendable {
    public let configuration: SMTPSessionConfiguration

    // MARK: State (internal so that the per-command files can extend the session)

    enum Phase: Sendable {
        case notConnected
        case command
        case authExchange(SASLStep)
        case data(SMTPDataDecoder)
        case chunk(ChunkTransfer)
        case awaiting(Question)
        case startingTLS
        case closed
    }

    enum Question: Sendable {
        /// MAIL: the transaction starts when the server accepts the sender.
        case sender(Transaction)
        case recipient(SMTPRecipient)
        case authentication
        case commit
    }

    enum SASLStep: Sendable {
        case plainResponse
        case loginUsername
        case loginPassword(username: String)
    }

    struct ChunkTransfer: Sendable {
        enum Outcome: Sendable {
            case store(last: Bool)
            /// The chunk is read and dropped, then this reply is sent (RFC 3030 §2).
            case reject(SMTPReply)
        }
        var receiver: SMTPChunkReceiver
        var outcome: Outcome
    }

    struct Transaction: Sendable {
        var reversePath: SMTPPath
        var parameters: SMTPMailParameters
        var recipients: [SMTPRecipient] = []
        /// Octets announced by BDAT commands so far; nil until the first BDAT.
        var bdatOctets: Int?
    }

    struct Hello: Sendable {
        var name: String
        var extended: Bool
    }

    var phase = Phase.notConnected
    var connection = SMTPConnectionInfo(remoteAddress: "unknown")
    var hello: Hello?
    public internal(set) var tls: SMTPTLSInfo?
    public internal(set) var authenticatedUser: String?
    var transaction: Transaction?
    var input = LineBuffer()
    /// `beginMessage` was emitted and neither `commitMessage` nor `abortMessage` since.
    var messageOpen = false
    var errorCount = 0
    var commandCount = 0
    var authFailureCount = 0
    private var actions: [SMTPSessionAction] = []

    public init(configuration: SMTPSessionConfiguration) {
        self.configuration = configuration
    }

    // MARK: Events

    public mutating func handle(_ event: SMTPSessionEvent) -> [SMTPSessionAction] {
        switch event {
        case .connected(let info):
            guard case .notConnected = phase else { break }
            connection = info
            tls = info.tls
            phase = .command
            send(.greeting(configuration.hostname, banner: configuration.banner))
        case .received(let bytes):
            switch phase {
            case .closed, .startingTLS:
                break  // after STARTTLS's 220 only the TLS handshake may follow
            default:
                input.append(bytes)
            }
        case .tlsEstablished(let info):
            tlsEstablished(info)
        case .timedOut:
            switch phase {
            case .notConnected, .closed: break
            default:
                emit(.send(.timeout(configuration.hostname)))
                close()
            }
        case .connectionClosed:
            abortMessageIfOpen()
            input.removeAll()
            phase = .closed
        case .senderChecked(let decision):
            senderChecked(decision)
        case .recipientChecked(let decision):
            recipientChecked(decision)
        case .authenticationChecked(let result):
            authenticationChecked(result)
        case .messageCommitted(let result):
            messageCommitted(result)
        }
        processInput()
        let output = actions
        actions = []
        return output
    }

    // MARK: Observations for the glue

    public var state: SMTPSessionState {
        switch phase {
        case .notConnected: return .notConnected
        case .command: return transaction != nil ? .inTransaction : hello != nil ? .ready : .greeting
        case .authExchange: return .authExchange
        case .data, .chunk: return .receivingMessage
        case .awaiting: return .awaitingServer
        case .startingTLS: return .startingTLS
        case .closed: return .closed
        }
    }

    /// The RFC 5321 §4.5.3.2 timeout in force now; nil before connecting and after closing.
    public var timeout: SMTPTimeout? {
        let t = configuration.timeouts
        switch phase {
        case .notConnected, .closed: return nil
        case .command, .authExchange, .startingTLS: return SMTPTimeout(kind: .command, duration: t.command)
        case .data, .chunk: return SMTPTimeout(kind: .dataBlock, duration: t.dataBlock)
        case .awaiting(.commit): return SMTPTimeout(kind: .messageCommit, duration: t.dataTermination)
        case .awaiting: return SMTPTimeout(kind: .serverDecision, duration: t.command)
        }
    }

    /// False while too much input is buffered waiting for a server answer: the glue should
    /// stop reading from the socket until it is true again (backpressure).
    public var wantsMoreInput: Bool {
        switch phase {
        case .closed: return false
        case .notConnected, .awaiting: return input.unreadCount < configuration.maxReadAhead
        default: return true
        }
    }

    public var heloName: String? { hello?.name }

    public var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    // MARK: Input loop

    private mutating func processInput() {
        let commandLimit = configuration.maxCommandLineLength
        let authLimit = configuration.maxAuthLineLength
        while true {
            switch phase {
            case .command:
                // RFC 4954 §4: AUTH lines may be much longer than other commands.
                let line = input.nextLine { Self.startsWithAUTH($0) ? max(authLimit, commandLimit) : commandLimit }
                switch line {
                case .needMore: return
                case .tooLong: respond(.lineTooLong)
                case .line(let bytes): handleCommandLine(bytes)
                }
            case .authExchange(let step):
                switch input.nextLine(limit: { _ in authLimit }) {
                case .needMore: return
                case .tooLong:
                    phase = .command
                    respond(.authLineTooLong)
                case .line(let bytes): handleSASLResponse(bytes, step: step)
                }
            case .data(var decoder):
                guard !input.isEmpty else { return }
                let output = decoder.decode(input.unread)
                input.consume(output.consumed)
                if !output.bytes.isEmpty { emit(.appendMessageBytes(output.bytes)) }
                guard output.isComplete else {
                    phase = .data(decoder)
                    return
                }
                finishData(decoder)
            case .chunk(var transfer):
                if !transfer.receiver.isComplete {
                    guard !input.isEmpty else { return }
                    let output = transfer.receiver.receive(input.unread)
                    if !output.bytes.isEmpty { emit(.appendMessageBytes(Array(output.bytes))) }
                    input.consume(output.consumed)
                }
                guard transfer.receiver.isComplete else {
                    phase = .chunk(transfer)
                    return
                }
                finishChunk(transfer)
            case .notConnected, .awaiting, .startingTLS, .closed:
                return
            }
        }
    }

    private static func startsWithAUTH(_ line: ArraySlice<UInt8>) -> Bool {
        let word = Array("AUTH ".utf8)
        guard line.count >= word.count else { return false }
        return zip(line, word).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
    }

    private mutating func handleCommandLine(_ line: [UInt8]) {
        commandCount += 1
        guard commandCount <= configuration.maxCommands else {
            emit(.send(.tooManyCommands(configuration.hostname)))
            close()
            return
        }
        let command: SMTPCommand
        do {
            command = try SMTPCommandParser.parse(line)
        } catch {
            if let skip = error.octetsToSkip {
                // A malformed BDAT: its octets still follow and must not be read as commands.
                phase = .chunk(ChunkTransfer(receiver: SMTPChunkReceiver(size: skip, discards: true),
                                             outcome: .reject(error.reply)))
            } else {
                respond(error.reply)
            }
            return
        }
        switch command {
        case .ehlo(let name): handleHello(name, extended: true)
        case .helo(let name): handleHello(name, extended: false)
        case .mail(let path, let parameters): handleMail(path, parameters)
        case .rcpt(let path, let parameters): handleRecipient(path, parameters)
        case .data: handleData()
        case .bdat(let size, let last): handleBDAT(size: size, last: last)
        case .rset: handleReset()
        case .noop: send(.ok)
        case .quit: handleQuit()
        case .vrfy: send(.cannotVerify)
        case .expn: respond(.expnRefused)
        case .help: send(.help)
        case .startTLS: handleStartTLS()
        case .auth(let mechanism, let initialResponse): handleAuth(mechanism, initialResponse)
        }
    }

    // MARK: Helpers for the command handlers

    mutating func emit(_ action: SMTPSessionAction) {
        actions.append(action)
    }

    /// Sends a positive reply.
    mutating func send(_ reply: SMTPReply) {
        emit(.send(reply))
    }

    /// Sends any reply, counting failures towards `maxErrors` (RFC 5321 §4.1.4 lets a
    /// server end a session that only produces errors). A 421 always closes.
    mutating func respond(_ reply: SMTPReply) {
        emit(.send(reply))
        if reply.code == 421 {
            close()
            return
        }
        guard reply.code >= 400 else { return }
        errorCount += 1
        if errorCount >= configuration.maxErrors {
            emit(.send(.tooManyErrors(configuration.hostname)))
            close()
        }
    }

    mutating func close() {
        abortMessageIfOpen()
        input.removeAll()
        phase = .closed
        emit(.close)
    }

    mutating func abortMessageIfOpen() {
        guard messageOpen else { return }
        messageOpen = false
        emit(.abortMessage)
    }

    /// Ends the transaction, discarding any message octets already handed out.
    mutating func resetTransaction() {
        abortMessageIfOpen()
        transaction = nil
    }

    /// Asks the server and stops reading commands until the answer.
    mutating func ask(_ question: Question, _ action: SMTPSessionAction) {
        phase = .awaiting(question)
        emit(action)
    }

    func makeEnvelope(_ transaction: Transaction, messageSize: Int? = nil) -> SMTPEnvelope {
        let parameters = transaction.parameters
        return SMTPEnvelope(
            reversePath: transaction.reversePath,
            recipients: transaction.recipients,
            bodyType: parameters.body,
            smtpUTF8: parameters.smtpUTF8,
            declaredSize: parameters.size,
            messageSize: messageSize,
            envelopeID: parameters.envelopeID,
            dsnReturn: parameters.dsnReturn,
            // RFC 4954 §5: AUTH= from a client we do not trust is not passed on.
            submitter: authenticatedUser != nil ? parameters.auth : nil,
            authenticatedUser: authenticatedUser,
            client: connection,
            heloName: hello?.name,
            usedEHLO: hello?.extended ?? false,
            tls: tls,
            usedBDAT: transaction.bdatOctets != nil)
    }

    // MARK: What is offered

    var authEnabled: Bool {
        configuration.role.requiresAuthentication || configuration.allowAuthOnMX
    }

    /// AUTH is announced and accepted now: enabled, and under TLS unless allowed without.
    var authOffered: Bool {
        authEnabled && (tls != nil || configuration.allowUnencrypted)
    }

    var startTLSOffered: Bool {
        configuration.tlsAvailable && configuration.role != .implicitTLSSubmission && tls == nil
    }
}
