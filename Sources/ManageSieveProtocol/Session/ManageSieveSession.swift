/// The ManageSieve server side of one connection (RFC 5804) as a pure state machine:
/// events in (`ManageSieveSessionEvent`), actions out (`ManageSieveSessionAction`). No I/O,
/// no clock, no NIO.
///
/// Commands are handled one at a time, in order. When one needs the server (a login check,
/// the script store, the Sieve compiler) the session emits the question and reads no further
/// command; what arrives meanwhile is kept and handled after the answer, so answers always
/// leave in command order.
///
/// ## Driving the session from the NIO glue
///
/// One session per connection, owned by the channel handler on its event loop.
/// 1. On channel active deliver `.connected`: the greeting (capabilities then OK) goes out.
/// 2. On every read deliver `.received(bytes)`; on channel inactive `.connectionClosed`.
/// 3. Perform the returned actions in order: `.send` writes `output.encoded` (flush at the
///    end of the batch), `.startTLS` adds the TLS handler at once (nothing read before the
///    handshake may reach the session) and later delivers `.tlsEstablished`, `.close`
///    closes after the writes are flushed.
/// 4. Questions carry the user and are answered later with the matching event, from the
///    event loop: `.authenticate` → `.authenticationChecked`; `.listScripts` →
///    `.scriptsListed`; `.getScript` → `.scriptFetched`; every other script question →
///    `.completed(response)`. `putScript`/`checkScript` compile with the Sieve module and
///    answer NO with the compiler's message (line and column), or OK (WARNINGS).
///    The store must not use script names as file names as they are: names may contain
///    "/", ".." or any Unicode; map them (e.g. hex or an index table).
/// 5. After every `handle` call re-arm one timer from `timeout` (cancel it when nil) and
///    deliver `.timedOut` when it fires; stop reading from the socket while
///    `wantsMoreInput` is false.
public struct ManageSieveSession: Sendable {
    public let configuration: ManageSieveSessionConfiguration

    // MARK: State (internal so that the per-command files can extend the session)

    enum Phase: Sendable {
        case notConnected
        case command
        case authExchange
        case awaiting(Question)
        case startingTLS
        case closed
    }

    enum Question: Sendable {
        case authentication
        /// HAVESPACE, PUTSCRIPT, CHECKSCRIPT, SETACTIVE, DELETESCRIPT, RENAMESCRIPT: the
        /// answer is one result line.
        case operation
        case listScripts
        case getScript
    }

    var phase = Phase.notConnected
    public internal(set) var connection = ManageSieveConnectionInfo(remoteAddress: "unknown")
    /// TLS is active.
    public internal(set) var isTLS = false
    /// The OWNER once AUTHENTICATE succeeded; nil again after UNAUTHENTICATE.
    public internal(set) var authenticatedUser: String?
    var reader: ManageSieveCommandReader
    var errorCount = 0
    var authFailureCount = 0
    private var actions: [ManageSieveSessionAction] = []

    public init(configuration: ManageSieveSessionConfiguration) {
        self.configuration = configuration
        reader = ManageSieveCommandReader(limits: configuration.readerLimits)
    }

    // MARK: Events

    public mutating func handle(_ event: ManageSieveSessionEvent) -> [ManageSieveSessionAction] {
        switch event {
        case .connected(let info):
            guard case .notConnected = phase else { break }
            connection = info
            isTLS = info.isTLS
            phase = .command
            sendCapabilities()
            send(.ok(configuration.greeting))
        case .received(let bytes):
            switch phase {
            case .closed, .startingTLS:
                break  // after STARTTLS's OK only the TLS handshake may follow
            default:
                reader.append(bytes)
            }
        case .tlsEstablished:
            tlsEstablished()
        case .timedOut:
            timedOut()
        case .connectionClosed:
            reader.reset()
            phase = .closed
        case .authenticationChecked(let result):
            authenticationChecked(result)
        case .completed(let response):
            guard case .awaiting(.operation) = phase else { break }
            finish(response)
        case .scriptsListed(let result):
            scriptsListed(result)
        case .scriptFetched(let result):
            scriptFetched(result)
        }
        processInput()
        let output = actions
        actions = []
        return output
    }

    // MARK: Observations for the glue

    public var state: ManageSieveSessionState {
        switch phase {
        case .notConnected: return .notConnected
        case .command: return authenticatedUser == nil ? .nonAuthenticated : .authenticated
        case .authExchange: return .authExchange
        case .awaiting: return .awaitingServer
        case .startingTLS: return .startingTLS
        case .closed: return .closed
        }
    }

    /// The timeout in force now; nil before connecting and after closing.
    public var timeout: ManageSieveTimeout? {
        let t = configuration.timeouts
        switch phase {
        case .notConnected, .closed:
            return nil
        case .awaiting:
            return ManageSieveTimeout(kind: .serverDecision, duration: t.serverDecision)
        case .command, .authExchange, .startingTLS:
            return authenticatedUser == nil
                ? ManageSieveTimeout(kind: .nonAuthenticatedIdle, duration: t.nonAuthenticated)
                : ManageSieveTimeout(kind: .authenticatedIdle, duration: t.authenticated)
        }
    }

    /// False while too much input is buffered waiting for the server: the glue should stop
    /// reading from the socket until it is true again (backpressure). A literal being read
    /// is not buffered input: it is bounded by `maxScriptSize` instead.
    public var wantsMoreInput: Bool {
        switch phase {
        case .closed: return false
        case .notConnected, .awaiting: return reader.unreadCount < configuration.maxReadAhead
        case .command, .authExchange, .startingTLS: return true
        }
    }

    public var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    // MARK: Input loop

    private mutating func processInput() {
        while true {
            switch phase {
            case .command:
                guard let outcome = reader.next() else { return }
                switch outcome {
                case .command(let tokens): handleCommand(tokens)
                case .invalid(.literalTooLarge(isScript: true)):
                    send(Self.response(for: .literalTooLarge(isScript: true)))  // a quota answer, not a bad command
                case .invalid(let error): fail(Self.response(for: error))
                case .fatal(let text): bye(.bye(text))
                }
            case .authExchange:
                guard let outcome = reader.next() else { return }
                phase = .command
                switch outcome {
                case .command(let tokens): handleSASLResponse(tokens)
                case .invalid(let error): fail(Self.response(for: error))
                case .fatal(let text): bye(.bye(text))
                }
            case .notConnected, .awaiting, .startingTLS, .closed:
                return
            }
        }
    }

    private static func response(for error: ManageSieveReadError) -> ManageSieveResponse {
        switch error {
        case .syntax(let text): return .no("Syntax error: \(text)")
        case .lineTooLong: return .no("Line too long")
        case .literalTooLarge(let isScript):
            return isScript ? .no("Script is too large", code: .quotaMaxSize) : .no("String too long")
        }
    }

    private mutating func handleCommand(_ tokens: [ManageSieveToken]) {
        let command: ManageSieveCommand
        do {
            command = try ManageSieveCommandParser.parse(tokens, maxScriptNameLength: configuration.maxScriptNameLength)
        } catch {
            return fail(error.response)
        }
        // Valid in any state (RFC 5804 §4 `command-any`).
        switch command {
        case .capability: return handleCapability()
        case .logout: return handleLogout()
        case .noop(let tag): return handleNoop(tag)
        default: break
        }
        guard let user = authenticatedUser else {
            // RFC 5804 §2: only AUTHENTICATE, STARTTLS (and the above) before login.
            switch command {
            case .authenticate(let mechanism, let initialResponse): handleAuthenticate(mechanism, initialResponse)
            case .startTLS: handleStartTLS()
            case .unauthenticate: fail(.no("Not authenticated"))
            default: fail(.no("Authenticate first"))
            }
            return
        }
        switch command {
        case .authenticate: fail(.no("Already authenticated"))  // §2.1: no reauthentication
        case .startTLS: fail(.no("STARTTLS is only valid before authentication"))
        case .unauthenticate: handleUnauthenticate()
        case .haveSpace(let name, let size): handleHaveSpace(user, name, size)
        case .putScript(let name, let content): handlePutScript(user, name, content)
        case .checkScript(let content): handleCheckScript(user, content)
        case .listScripts: handleListScripts(user)
        case .setActive(let name): handleSetActive(user, name)
        case .getScript(let name): handleGetScript(user, name)
        case .deleteScript(let name): handleDeleteScript(user, name)
        case .renameScript(let oldName, let newName): handleRenameScript(user, oldName, newName)
        case .capability, .logout, .noop: break
        }
    }

    private mutating func timedOut() {
        switch phase {
        case .notConnected, .closed:
            break
        case .awaiting:
            bye(.bye("Server timed out, try again later", code: .tryLater))
        case .command, .authExchange, .startingTLS:
            // RFC 5804 §1.2: BYE, then the server closes.
            bye(.bye("Disconnected for inactivity"))
        }
    }

    // MARK: Helpers for the command handlers

    mutating func emit(_ action: ManageSieveSessionAction) {
        actions.append(action)
    }

    mutating func send(_ response: ManageSieveResponse) {
        emit(.send(.response(response)))
    }

    /// Sends the NO of a refused command and counts it towards `maxErrors`.
    mutating func fail(_ response: ManageSieveResponse) {
        send(response)
        errorCount += 1
        if errorCount >= configuration.maxErrors {
            bye(.bye("Too many errors"))
        }
    }

    /// Sends a server's result line; a BYE also closes.
    mutating func finish(_ response: ManageSieveResponse) {
        phase = .command
        if response.status == .bye {
            bye(response)
        } else {
            send(response)
        }
    }

    /// Asks the server and reads no command until the answer.
    mutating func ask(_ question: Question, _ action: ManageSieveSessionAction) {
        phase = .awaiting(question)
        emit(action)
    }

    mutating func bye(_ response: ManageSieveResponse) {
        send(response)
        close()
    }

    mutating func close() {
        reader.reset()
        phase = .closed
        emit(.close)
    }

    /// PLAIN sends the password in clear: only under TLS unless allowed (RFC 5804 §2.1).
    var loginOffered: Bool { isTLS || configuration.allowUnencrypted }
}
