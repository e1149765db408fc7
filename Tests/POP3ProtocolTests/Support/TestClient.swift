@_exported import SessionTestSupport
@testable import POP3Protocol

/// Drives a `POP3Session` like the NIO glue and the stores would: feeds bytes, performs the
/// actions, answers the questions through policies (or leaves them pending when a policy
/// returns nil), keeps a lock table, and records everything for assertions.
struct TestClient {
    var session: POP3Session

    /// Every octet written to the client.
    private(set) var wire: [UInt8] = []
    private(set) var actions: [POP3SessionAction] = []
    private(set) var startTLSCount = 0
    private(set) var closed = false
    /// Questions left for the test to answer, oldest first.
    private(set) var pending: [POP3SessionAction] = []
    private(set) var credentialsSeen: [POP3Credentials] = []
    private(set) var retrievals: [POP3MessageRequest] = []
    /// Users whose maildrop lock this session holds now.
    private(set) var locksHeld: Set<String> = []
    private(set) var commits: [(user: String, messages: [POP3MessageReference])] = []
    private(set) var releases: [String] = []
    private(set) var chunksStreamed = 0
    private var activeStream: (bytes: [UInt8], offset: Int)?
    /// Glue contract breaches (double lock, releasing a lock not held…); must stay empty.
    private(set) var violations: [String] = []

    /// The store: every user gets these messages, as stored (LF line ends allowed).
    var messages: [(uidl: String, content: String)] = [
        ("uid-1", "Subject: one\n\nfirst body\n"),
        ("uid-2", "Subject: two\r\n\r\nline 1\r\n.dot line\r\nline 3\r\n"),
        ("uid-3", "Subject: three\n\n.\n"),
    ]
    /// Users locked by another session.
    var lockedElsewhere: Set<String> = []
    /// Size of the chunks a message is streamed in.
    var chunkSize = Int.max
    var authPolicy: (POP3Credentials) -> POP3AuthenticationResult? = { credentials in
        credentials.username == "alice" && credentials.password == "secret"
            ? .success(user: "alice") : .invalidCredentials
    }
    /// Nil leaves `openMaildrop` pending; `.opened` (whatever its list) opens the store's
    /// `messages`; other results are answered as they are.
    var maildropPolicy: (String) -> POP3MaildropResult? = { _ in .opened([]) }
    /// False leaves retrievals pending.
    var answerRetrievals = true
    var commitPolicy: ([POP3MessageReference]) -> POP3CommitResult? = { _ in .committed }

    init(_ configuration: POP3SessionConfiguration = POP3SessionConfiguration()) {
        session = POP3Session(configuration: configuration)
    }

    static func make(_ adjust: (inout POP3SessionConfiguration) -> Void = { _ in }) -> TestClient {
        var configuration = POP3SessionConfiguration()
        adjust(&configuration)
        return TestClient(configuration)
    }

    var listing: [POP3MessageInfo] {
        messages.map { POP3MessageInfo(octets: POP3ServedSize.of(Array($0.content.utf8)), uidl: $0.uidl) }
    }

    // MARK: Driving

    @discardableResult
    mutating func connect(tls: Bool = false) -> [String] {
        deliver(.connected(POP3ConnectionInfo(remoteAddress: "192.0.2.7", remotePort: 40000, isTLS: tls)))
    }

    /// Sends text with CRLF appended.
    @discardableResult
    mutating func send(_ line: String) -> [String] {
        deliver(.received(Array((line + "\r\n").utf8)))
    }

    /// Sends octets exactly as given.
    @discardableResult
    mutating func raw(_ text: String) -> [String] {
        deliver(.received(Array(text.utf8)))
    }

    /// Connects over TLS and logs in as alice with USER/PASS.
    @discardableResult
    mutating func login() -> [String] {
        connect(tls: true)
        send("USER alice")
        return send("PASS secret")
    }

    /// Feeds an event, then the stores' answers, and returns the lines written meanwhile
    /// (a last line without CRLF is returned as it is).
    @discardableResult
    mutating func deliver(_ first: POP3SessionEvent) -> [String] {
        var written: [UInt8] = []
        SessionTestLoop.run(first, handle: { session.handle($0) }, react: { action -> POP3SessionEvent? in
            actions.append(action)
            if closed, case .releaseMaildrop = action {} else if closed {
                violations.append("action after close: \(action)")
            }
            switch action {
            case .send(let response):
                written += response.encoded
            case .sendMessageData(let bytes):
                written += bytes
            case .startTLS:
                startTLSCount += 1
            case .close:
                closed = true
            case .authenticate(let credentials):
                credentialsSeen.append(credentials)
                return answerOrPend(authPolicy(credentials).map { .authenticationChecked($0) }, action)
            case .openMaildrop(let user):
                return answerOrPend(openMaildrop(user).map { .maildropOpened($0) }, action)
            case .retrieveMessage(let request):
                retrievals.append(request)
                if activeStream != nil { violations.append("retrieval while streaming") }
                if !answerRetrievals {
                    pending.append(action)
                } else if let message = messages.first(where: { $0.uidl == request.message.uidl }) {
                    activeStream = (Array(message.content.utf8), 0)
                } else {
                    return .messageFailed(.err("Message vanished", code: .systemTemporary))
                }
            case .commitDeletions(let user, let references):
                if !locksHeld.contains(user) { violations.append("commit without lock") }
                locksHeld.remove(user)
                commits.append((user, references))
                return answerOrPend(commitPolicy(references).map { .deletionsCommitted($0) }, action)
            case .releaseMaildrop(let user):
                if !locksHeld.contains(user) { violations.append("release without lock") }
                locksHeld.remove(user)
                releases.append(user)
            }
            return nil
        }, whenIdle: { nextStreamEvent() })
        wire += written
        return SessionTestLoop.lines(written)
    }

    /// The policy's answer, or the question left pending when it has none.
    private mutating func answerOrPend(_ answer: POP3SessionEvent?, _ action: POP3SessionAction) -> POP3SessionEvent? {
        if answer == nil { pending.append(action) }
        return answer
    }

    /// Answers the oldest pending question.
    @discardableResult
    mutating func answer(_ event: POP3SessionEvent) -> [String] {
        if !pending.isEmpty { pending.removeFirst() }
        return deliver(event)
    }

    /// The store's side of `openMaildrop`: a lock table, then the policy.
    private mutating func openMaildrop(_ user: String) -> POP3MaildropResult? {
        guard let result = maildropPolicy(user) else { return nil }
        if lockedElsewhere.contains(user) { return .inUse }
        guard case .opened = result else { return result }
        if locksHeld.contains(user) { violations.append("maildrop locked twice") }
        locksHeld.insert(user)
        return .opened(listing)
    }

    /// The store streaming the message being retrieved: one chunk at a time, stopping
    /// early once the session wants no more (TOP), then the end.
    private mutating func nextStreamEvent() -> POP3SessionEvent? {
        guard let (bytes, offset) = activeStream else { return nil }
        if closed || session.isClosed {
            activeStream = nil
            return nil
        }
        guard offset < bytes.count, session.wantsMessageData else {
            activeStream = nil
            return .messageEnd
        }
        let end = min(bytes.count, offset + max(1, min(chunkSize, bytes.count)))
        activeStream = (bytes, end)
        chunksStreamed += 1
        return .messageData(Array(bytes[offset..<end]))
    }
}
