@_exported import SessionTestSupport
@testable import ManageSieveProtocol

/// Drives a `ManageSieveSession` like the NIO glue and the script store would: feeds bytes,
/// performs the actions, answers questions from a small in-memory store with a fake
/// compiler (or leaves them pending), and records everything for assertions.
struct TestClient {
    var session: ManageSieveSession

    /// Every octet written to the client.
    private(set) var wire: [UInt8] = []
    private(set) var actions: [ManageSieveSessionAction] = []
    private(set) var startTLSCount = 0
    private(set) var closed = false
    /// Questions left for the test to answer, oldest first.
    private(set) var pending: [ManageSieveSessionAction] = []
    private(set) var credentialsSeen: [ManageSieveCredentials] = []
    /// Every script question the store was asked.
    private(set) var storeQuestions: [ManageSieveSessionAction] = []
    /// Glue contract breaches; must stay empty.
    private(set) var violations: [String] = []

    /// The store: user → name → content, and the active script per user.
    var scripts: [String: [String: [UInt8]]] = [:]
    var active: [String: String] = [:]
    var maxScripts = 5
    var answerStoreQuestions = true
    var authPolicy: (ManageSieveCredentials) -> ManageSieveAuthenticationResult? = { credentials in
        credentials.username == "alice" && credentials.password == "secret"
            ? .success(user: credentials.authorizationIdentity ?? "alice") : .invalidCredentials
    }

    init(_ configuration: ManageSieveSessionConfiguration = TestClient.configuration) {
        session = ManageSieveSession(configuration: configuration)
    }

    static let configuration = ManageSieveSessionConfiguration(
        sieveExtensions: ["fileinto", "vacation"], maxRedirects: 5)

    static func make(_ adjust: (inout ManageSieveSessionConfiguration) -> Void = { _ in }) -> TestClient {
        var configuration = TestClient.configuration
        adjust(&configuration)
        return TestClient(configuration)
    }

    /// The fake Sieve compiler: "error" anywhere is a syntax error at line 2, "warn" a
    /// warning.
    static func compile(_ content: [UInt8]) -> ManageSieveResponse {
        let text = String(decoding: content, as: UTF8.self)
        if text.contains("error") { return .no("line 2: syntax error\r\nline 3: unknown command") }
        if text.contains("warn") { return .ok("line 1: redirect limit is 5", code: .warnings) }
        return .ok()
    }

    // MARK: Driving

    @discardableResult
    mutating func connect(tls: Bool = false) -> [String] {
        deliver(.connected(ManageSieveConnectionInfo(remoteAddress: "192.0.2.7", remotePort: 40000, isTLS: tls)))
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

    /// Connects with TLS and logs in as alice.
    @discardableResult
    mutating func login() -> [String] {
        connect(tls: true)
        return send("AUTHENTICATE \"PLAIN\" \"\(base64("\u{0}alice\u{0}secret"))\"")
    }

    /// Feeds an event, then the store's answers, and returns the lines written meanwhile.
    @discardableResult
    mutating func deliver(_ first: ManageSieveSessionEvent) -> [String] {
        var written: [UInt8] = []
        SessionTestLoop.run(first, handle: { session.handle($0) }) { action -> ManageSieveSessionEvent? in
            actions.append(action)
            if closed { violations.append("action after close: \(action)") }
            switch action {
            case .send(let output):
                written += output.encoded
            case .startTLS:
                startTLSCount += 1
            case .close:
                closed = true
            case .authenticate(let credentials):
                credentialsSeen.append(credentials)
                if let result = authPolicy(credentials) { return .authenticationChecked(result) }
                pending.append(action)
            default:
                storeQuestions.append(action)
                if answerStoreQuestions, let answer = store(action) { return answer }
                pending.append(action)
            }
            return nil
        }
        wire += written
        return SessionTestLoop.lines(written)
    }

    /// Answers the oldest pending question.
    @discardableResult
    mutating func answer(_ event: ManageSieveSessionEvent) -> [String] {
        if !pending.isEmpty { pending.removeFirst() }
        return deliver(event)
    }

    /// The script store's side of each question (RFC 5804 §2 semantics).
    private mutating func store(_ action: ManageSieveSessionAction) -> ManageSieveSessionEvent? {
        switch action {
        case .haveSpace(let user, let name, _):
            let owned = scripts[user, default: [:]]
            if owned[name] == nil && owned.count >= maxScripts { return .completed(.quotaMaxScripts) }
            return .completed(.ok())
        case .putScript(let user, let name, let content):
            let verdict = Self.compile(content)
            guard verdict.status == .ok else { return .completed(verdict) }
            let owned = scripts[user, default: [:]]
            if owned[name] == nil && owned.count >= maxScripts { return .completed(.quotaMaxScripts) }
            scripts[user, default: [:]][name] = content
            return .completed(verdict)
        case .checkScript(_, let content):
            return .completed(Self.compile(content))
        case .listScripts(let user):
            let names = scripts[user, default: [:]].keys.sorted()
            return .scriptsListed(.scripts(names.map {
                ManageSieveScriptListEntry(name: $0, isActive: active[user] == $0)
            }))
        case .setActive(let user, let name):
            if name.isEmpty {
                active[user] = nil
                return .completed(.ok())
            }
            guard scripts[user]?[name] != nil else { return .completed(.nonexistent) }
            active[user] = name
            return .completed(.ok())
        case .getScript(let user, let name):
            guard let content = scripts[user]?[name] else { return .scriptFetched(.failed(.nonexistent)) }
            return .scriptFetched(.script(content))
        case .deleteScript(let user, let name):
            guard scripts[user]?[name] != nil else { return .completed(.nonexistent) }
            guard active[user] != name else { return .completed(.activeScript) }
            scripts[user]?[name] = nil
            return .completed(.ok())
        case .renameScript(let user, let oldName, let newName):
            guard let content = scripts[user]?[oldName] else { return .completed(.nonexistent) }
            guard scripts[user]?[newName] == nil else { return .completed(.alreadyExists) }
            scripts[user]?[oldName] = nil
            scripts[user]?[newName] = content
            if active[user] == oldName { active[user] = newName }
            return .completed(.ok())
        case .send, .startTLS, .close, .authenticate:
            return nil
        }
    }
}

extension Array where Element == String {
    /// The status word of the last line, "OK", "NO" or "BYE".
    var status: String? { last.map { String($0.prefix { $0 != " " }) } }
}
