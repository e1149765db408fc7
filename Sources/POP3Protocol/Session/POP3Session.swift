import ProtocolCore

/// The POP3 server side of one connection as a pure state machine: events in
/// (`POP3SessionEvent`), actions out (`POP3SessionAction`). No I/O, no clock, no NIO.
///
/// Commands are handled one at a time, in order (RFC 2449 §6.6 PIPELINING). While one waits
/// for the server (a login check, the maildrop lock, a message, the commit) the session
/// emits the question and reads no further command; what arrives meanwhile is kept and
/// handled after the answer, so responses always leave in command order.
///
/// The maildrop lock taken by `.openMaildrop` is always given back exactly once: by
/// `.commitDeletions` after QUIT, or by `.releaseMaildrop` when the session ends any other
/// way (timeout, dropped connection, too many errors) — in which case nothing is deleted.
///
/// ## Driving the session from the NIO glue
///
/// One session per connection, owned by the channel handler on its event loop.
/// 1. On channel active (after the TLS handshake on port 995) deliver `.connected`.
/// 2. On every read deliver `.received(bytes)`; on channel inactive `.connectionClosed`.
/// 3. Perform the returned actions in order: `.send` / `.sendMessageData` write (flush at
///    the end of the batch), `.startTLS` adds the TLS handler at once (nothing read before
///    the handshake may reach the session) and later delivers `.tlsEstablished`, `.close`
///    closes after the writes are flushed.
/// 4. Questions are answered later with the matching event, from the event loop
///    (`.authenticate` → `.authenticationChecked`, `.openMaildrop` → `.maildropOpened`,
///    `.retrieveMessage` → `.messageData`… `.messageEnd` or `.messageFailed`,
///    `.commitDeletions` → `.deletionsCommitted`). Do the work off the loop (crypt, SQLite,
///    file reads) and hop back. A late answer after `.connectionClosed` is still delivered:
///    the session releases a lock granted too late.
/// 5. After every `handle` call re-arm one timer from `timeout` (cancel it when nil) and
///    deliver `.timedOut` when it fires; stop reading from the socket while
///    `wantsMoreInput` is false.
/// 6. Stream RETR/TOP chunk by chunk (e.g. 64 KiB), waiting for the channel to be
///    writable between chunks, and stop reading the file once `wantsMessageData` is false
///    (TOP has what it needs) — but still deliver `.messageEnd`.
/// 7. `.releaseMaildrop` may come after `.close`, and `.commitDeletions` hands the lock to
///    the store, which releases it after deleting.
public struct POP3Session: Sendable {
    public let configuration: POP3SessionConfiguration

    // MARK: State (internal so that the per-command files can extend the session)

    enum Phase: Sendable {
        case notConnected
        case authorization
        case authExchange
        case awaiting(Question)
        case transaction
        case retrieving(Retrieval)
        case startingTLS
        /// QUIT in TRANSACTION: waiting for `.deletionsCommitted`.
        case update
        case closed
    }

    enum Question: Sendable {
        case authentication
        case maildrop(user: String)
    }

    struct Retrieval: Sendable {
        var request: POP3MessageRequest
        var encoder: POP3MessageStreamEncoder
        /// The `+OK` line has gone out: a failure can now only be signalled by closing.
        var started = false
    }

    var phase = Phase.notConnected
    public internal(set) var connection = POP3ConnectionInfo(remoteAddress: "unknown")
    /// TLS is active (port 995, or after STLS).
    public internal(set) var isTLS = false
    /// The name given with USER, waiting for PASS.
    var pendingUser: String?
    /// Set from a successful `.maildropOpened` until the lock is handed back.
    var maildrop: POP3Maildrop?
    /// The user whose maildrop was asked for and not answered yet. Survives the end of the
    /// session, so that a lock granted after the client left is released at once.
    var openingMaildropFor: String?
    var input = LineBuffer(compactionThreshold: 16 * 1024)
    var errorCount = 0
    var authFailureCount = 0
    private var actions: [POP3SessionAction] = []

    public init(configuration: POP3SessionConfiguration) {
        self.configuration = configuration
    }

    // MARK: Events

    public mutating func handle(_ event: POP3SessionEvent) -> [POP3SessionAction] {
        switch event {
        case .connected(let info):
            guard case .notConnected = phase else { break }
            connection = info
            isTLS = info.isTLS
            phase = .authorization
            send(.greeting(configuration.greeting))
        case .received(let bytes):
            switch phase {
            case .closed, .startingTLS:
                break  // after STLS's +OK only the TLS handshake may follow (RFC 2595 §4)
            default:
                input.append(bytes)
            }
        case .tlsEstablished:
            tlsEstablished()
        case .timedOut:
            timedOut()
        case .connectionClosed:
            input.removeAll()
            releaseMaildropIfHeld()
            phase = .closed
        case .authenticationChecked(let result):
            authenticationChecked(result)
        case .maildropOpened(let result):
            maildropOpened(result)
        case .messageData(let bytes):
            messageData(bytes)
        case .messageEnd:
            messageEnd()
        case .messageFailed(let response):
            messageFailed(response)
        case .deletionsCommitted(let result):
            deletionsCommitted(result)
        }
        processInput()
        let output = actions
        actions = []
        return output
    }

    // MARK: Observations for the glue

    public var state: POP3SessionState {
        switch phase {
        case .notConnected: return .notConnected
        case .authorization: return .authorization
        case .authExchange: return .authExchange
        case .awaiting: return .awaitingLogin
        case .transaction: return .transaction
        case .retrieving: return .sendingMessage
        case .startingTLS: return .startingTLS
        case .update: return .update
        case .closed: return .closed
        }
    }

    /// The user whose maildrop is open (TRANSACTION state).
    public var authenticatedUser: String? { maildrop?.user }

    /// The timeout in force now; nil before connecting and after closing.
    public var timeout: POP3Timeout? {
        let t = configuration.timeouts
        switch phase {
        case .notConnected, .closed: return nil
        case .authorization, .authExchange, .startingTLS:
            return POP3Timeout(kind: .authorizationIdle, duration: t.authorization)
        case .transaction: return POP3Timeout(kind: .transactionIdle, duration: t.transaction)
        case .awaiting, .update: return POP3Timeout(kind: .serverDecision, duration: t.serverDecision)
        case .retrieving: return POP3Timeout(kind: .messageTransfer, duration: t.transaction)
        }
    }

    /// False while too much input is buffered waiting for the server: the glue should stop
    /// reading from the socket until it is true again (backpressure).
    public var wantsMoreInput: Bool {
        switch phase {
        case .closed: return false
        case .notConnected, .awaiting, .retrieving, .update, .startingTLS:
            return input.unreadCount < configuration.maxReadAhead
        case .authorization, .authExchange, .transaction:
            return true
        }
    }

    /// True while a RETR/TOP wants more `.messageData`. Turns false once TOP has its lines:
    /// the server may stop reading the file and send `.messageEnd` at once.
    public var wantsMessageData: Bool {
        guard case .retrieving(let retrieval) = phase else { return false }
        return !retrieval.encoder.isSatisfied
    }

    public var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    // MARK: Input loop

    private mutating func processInput() {
        let commandLimit = configuration.maxCommandLineLength
        let authLimit = max(configuration.maxAuthLineLength, commandLimit)
        while true {
            switch phase {
            case .authorization, .transaction:
                let line = input.nextLine { Self.isCredentialLine($0) ? authLimit : commandLimit }
                switch line {
                case .needMore: return
                case .tooLong: fail(.lineTooLong)
                case .line(let bytes): handleCommandLine(bytes)
                }
            case .authExchange:
                switch input.nextLine(limit: { _ in authLimit }) {
                case .needMore: return
                case .tooLong:
                    phase = .authorization
                    fail(.authLineTooLong)
                case .line(let bytes): handleSASLResponse(bytes)
                }
            case .notConnected, .awaiting, .retrieving, .startingTLS, .update, .closed:
                return
            }
        }
    }

    /// USER, PASS and AUTH lines carry credentials and may be longer than other commands.
    private static func isCredentialLine(_ line: ArraySlice<UInt8>) -> Bool {
        let prefix = line.prefix(5).map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
        return [Array("USER ".utf8), Array("PASS ".utf8), Array("AUTH ".utf8)].contains(prefix)
    }

    private mutating func handleCommandLine(_ line: [UInt8]) {
        let command: POP3Command
        do {
            command = try POP3CommandParser.parse(line)
        } catch {
            return fail(error.response)
        }
        if case .transaction = phase {
            handleTransactionCommand(command)
        } else {
            handleAuthorizationCommand(command)
        }
    }

    private mutating func handleAuthorizationCommand(_ command: POP3Command) {
        switch command {
        case .user(let name): handleUser(name)
        case .pass(let password): handlePass(password)
        case .auth(let mechanism, let initialResponse): handleAuth(mechanism, initialResponse)
        case .capa: handleCapa()
        case .stls: handleSTLS()
        case .quit: handleQuit()
        case .stat, .list, .uidl, .retr, .top, .dele, .noop, .rset: fail(.wrongState)
        }
    }

    private mutating func handleTransactionCommand(_ command: POP3Command) {
        switch command {
        case .stat: handleStat()
        case .list(let number): handleList(number)
        case .uidl(let number): handleUIDL(number)
        case .retr(let number): handleRetrieve(number, topLines: nil)
        case .top(let number, let lines): handleRetrieve(number, topLines: lines)
        case .dele(let number): handleDelete(number)
        case .noop: send(.ok())
        case .rset: handleReset()
        case .capa: handleCapa()
        case .quit: handleQuit()
        case .user, .pass, .auth, .stls: fail(.wrongState)
        }
    }

    private mutating func timedOut() {
        switch phase {
        case .notConnected, .closed:
            break
        case .awaiting, .update:
            send(.serverTimeout)
            close()
        case .authorization, .authExchange, .transaction, .retrieving, .startingTLS:
            // RFC 1939 §3: the autologout timer closes without a response and without UPDATE.
            close()
        }
    }

    // MARK: Helpers for the command handlers

    mutating func emit(_ action: POP3SessionAction) {
        actions.append(action)
    }

    mutating func send(_ response: POP3Response) {
        emit(.send(response))
    }

    /// Sends the `-ERR` of a bad command and counts it towards `maxErrors`.
    mutating func fail(_ response: POP3Response) {
        send(response)
        errorCount += 1
        if errorCount >= configuration.maxErrors {
            send(.tooManyErrors)
            close()
        }
    }

    /// Asks the server and reads no command until the answer.
    mutating func ask(_ question: Question, _ action: POP3SessionAction) {
        phase = .awaiting(question)
        emit(action)
    }

    /// Ends the session: what is buffered is dropped, a held lock is released (nothing is
    /// deleted), and the glue closes the connection after writing.
    mutating func close() {
        input.removeAll()
        releaseMaildropIfHeld()
        phase = .closed
        emit(.close)
    }

    mutating func releaseMaildropIfHeld() {
        guard let held = maildrop else { return }
        maildrop = nil
        emit(.releaseMaildrop(user: held.user))
    }

    /// USER/PASS and AUTH PLAIN send the password in clear: only under TLS unless allowed.
    var loginOffered: Bool { isTLS || configuration.allowUnencrypted }

    var stlsOffered: Bool { configuration.tlsAvailable && !isTLS }
}
