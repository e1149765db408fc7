import MailCore
@_exported import SessionTestSupport
@testable import SMTPProtocol

/// Drives an `SMTPSession` like the NIO glue would: feeds bytes, performs the actions,
/// answers the server's questions through policies (or leaves them pending when a policy
/// returns nil), and records everything for assertions.
struct TestClient {
    var session: SMTPSession

    /// Every reply line sent, without CRLF.
    private(set) var transcript: [String] = []
    private(set) var actions: [SMTPSessionAction] = []
    /// Messages handed to `commitMessage`, with the octets appended since `beginMessage`.
    private(set) var committed: [(envelope: SMTPEnvelope, bytes: [UInt8])] = []
    private(set) var begun: [SMTPEnvelope] = []
    private(set) var abortCount = 0
    private(set) var startTLSCount = 0
    private(set) var closed = false
    /// Questions left for the test to answer, oldest first.
    private(set) var pending: [SMTPSessionAction] = []
    /// Every credential and recipient the server was asked about.
    private(set) var credentialsSeen: [SMTPCredentials] = []
    private(set) var recipientsAsked: [SMTPRecipient] = []
    private(set) var sendersAsked: [SMTPEnvelope] = []
    /// Glue contract breaches (appending with no message open…); must stay empty.
    private(set) var violations: [String] = []

    /// Octets appended to the message currently open.
    private(set) var openMessage: [UInt8]?

    var senderPolicy: (SMTPEnvelope) -> SMTPPolicyDecision? = { _ in .accept }
    var recipientPolicy: (SMTPRecipient) -> SMTPPolicyDecision? = { _ in .accept }
    var authPolicy: (SMTPCredentials) -> SMTPAuthenticationResult? = { credentials in
        credentials.username == "alice" && credentials.password == "secret"
            ? .success(user: "alice") : .invalidCredentials
    }
    var commitPolicy: (SMTPEnvelope) -> SMTPCommitResult? = { _ in .queued(queueID: "QID1") }

    init(_ configuration: SMTPSessionConfiguration) {
        session = SMTPSession(configuration: configuration)
    }

    static let mxConfiguration = SMTPSessionConfiguration(role: .mx, hostname: "mx.example.net")

    static func mx(_ adjust: (inout SMTPSessionConfiguration) -> Void = { _ in }) -> TestClient {
        var configuration = mxConfiguration
        adjust(&configuration)
        return TestClient(configuration)
    }

    // MARK: Driving

    @discardableResult
    mutating func connect(tls: SMTPTLSInfo? = nil) -> [String] {
        deliver(.connected(SMTPConnectionInfo(remoteAddress: "192.0.2.7", remotePort: 40000, tls: tls)))
    }

    /// Sends text with CRLF appended (several commands may be given joined by CRLF).
    @discardableResult
    mutating func send(_ line: String) -> [String] {
        deliver(.received(Array((line + "\r\n").utf8)))
    }

    /// Sends octets exactly as given.
    @discardableResult
    mutating func raw(_ text: String) -> [String] {
        deliver(.received(Array(text.utf8)))
    }

    @discardableResult
    mutating func raw(_ bytes: [UInt8]) -> [String] {
        deliver(.received(bytes))
    }

    /// EHLO, and checks it worked.
    @discardableResult
    mutating func ehlo(_ name: String = "client.example.org") -> [String] {
        send("EHLO \(name)")
    }

    /// Feeds an event, then the policies' answers, and returns the reply lines produced.
    @discardableResult
    mutating func deliver(_ first: SMTPSessionEvent) -> [String] {
        var lines: [String] = []
        SessionTestLoop.run(first, handle: { session.handle($0) }) { action -> SMTPSessionEvent? in
            actions.append(action)
            if closed { violations.append("action after close: \(action)") }
            switch action {
            case .send(let reply):
                let text = reply.description
                guard text.hasSuffix("\r\n") else {
                    violations.append("reply without CRLF")
                    return nil
                }
                // "\r\n" is one Character in Swift: split, then drop the empty tail.
                lines += text.components(separatedBy: "\r\n").dropLast()
            case .startTLS:
                startTLSCount += 1
            case .close:
                closed = true
            case .beginMessage(let envelope):
                if openMessage != nil { violations.append("beginMessage while a message is open") }
                begun.append(envelope)
                openMessage = []
            case .appendMessageBytes(let bytes):
                if openMessage == nil { violations.append("append with no message open") }
                openMessage? += bytes
            case .abortMessage:
                if openMessage == nil { violations.append("abort with no message open") }
                abortCount += 1
                openMessage = nil
            case .checkSender(let envelope):
                sendersAsked.append(envelope)
                return answerOrPend(senderPolicy(envelope).map { .senderChecked($0) }, action)
            case .checkRecipient(let recipient, _):
                recipientsAsked.append(recipient)
                return answerOrPend(recipientPolicy(recipient).map { .recipientChecked($0) }, action)
            case .authenticate(let credentials):
                credentialsSeen.append(credentials)
                return answerOrPend(authPolicy(credentials).map { .authenticationChecked($0) }, action)
            case .commitMessage(let envelope):
                guard let bytes = openMessage else {
                    violations.append("commit with no message open")
                    return nil
                }
                committed.append((envelope, bytes))
                openMessage = nil
                return answerOrPend(commitPolicy(envelope).map { .messageCommitted($0) }, action)
            }
            return nil
        }
        transcript += lines
        return lines
    }

    /// The policy's answer, or the question left pending when it has none.
    private mutating func answerOrPend(_ answer: SMTPSessionEvent?, _ action: SMTPSessionAction) -> SMTPSessionEvent? {
        if answer == nil { pending.append(action) }
        return answer
    }

    /// Answers the oldest pending question.
    @discardableResult
    mutating func answer(_ event: SMTPSessionEvent) -> [String] {
        if !pending.isEmpty { pending.removeFirst() }
        return deliver(event)
    }

    // MARK: Helpers

    /// Runs EHLO, MAIL and one RCPT, expecting success.
    mutating func startTransaction(from: String = "<alice@example.org>", to: String = "<bob@example.net>") {
        ehlo()
        send("MAIL FROM:\(from)")
        send("RCPT TO:\(to)")
    }
}

extension Array where Element == String {
    /// The three-digit codes of the last line of each reply, as strings; handy to compare.
    var codes: [String] { map { String($0.prefix(3)) } }
}
