import Foundation
import Queue
import SMTPProtocol
import Synchronization

/// DNS answers given as data: MX records and addresses per name, failures per name.
struct FakeDNS: MailDNS {
    var mx: [String: [MXRecord]] = [:]
    var addresses: [String: [String]] = [:]
    var failures: [String: MailDNSError] = [:]

    func mxRecords(for domain: String) async throws(MailDNSError) -> [MXRecord] {
        if let failure = failures["mx:" + domain] { throw failure }
        if let records = mx[domain] { return records }
        if addresses[domain] != nil { return [] }
        throw .notFound("\(domain): NXDOMAIN")
    }

    func addresses(of host: String) async throws(MailDNSError) -> [String] {
        if let failure = failures[host] { throw failure }
        guard let found = addresses[host] else { throw .notFound("\(host): NXDOMAIN") }
        return found
    }
}

/// A network of scripted SMTP servers: which targets accept connections, and what each
/// server answers per recipient.
final class FakeTransport: SMTPTransport, Sendable {
    struct Opened: Sendable {
        var target: SMTPConnectTarget
        var configuration: SMTPClientConfiguration
    }

    struct State: Sendable {
        var opened: [Opened] = []
        var refused: [SMTPConnectTarget] = []
        var sent: [(target: SMTPConnectTarget, message: SMTPClientMessage)] = []
    }

    let state = Mutex(State())
    /// Why a connection to an address fails; nil = it works.
    let connectFailure: @Sendable (SMTPConnectTarget, SMTPClientConfiguration) -> SMTPClientFailure?
    /// The reply to each recipient.
    let reply: @Sendable (SMTPConnectTarget, String) -> SMTPReply
    let supportsDSN: Bool
    /// Break the connection after this many messages.
    let messagesBeforeDrop: Int?

    init(supportsDSN: Bool = false, messagesBeforeDrop: Int? = nil,
         connectFailure: @escaping @Sendable (SMTPConnectTarget, SMTPClientConfiguration) -> SMTPClientFailure? = { _, _ in nil },
         reply: @escaping @Sendable (SMTPConnectTarget, String) -> SMTPReply = { _, _ in SMTPReply(250, "2.0.0", "Ok") }) {
        self.supportsDSN = supportsDSN
        self.messagesBeforeDrop = messagesBeforeDrop
        self.connectFailure = connectFailure
        self.reply = reply
    }

    var opened: [Opened] { state.withLock { $0.opened } }
    var refused: [SMTPConnectTarget] { state.withLock { $0.refused } }
    var sent: [(target: SMTPConnectTarget, message: SMTPClientMessage)] { state.withLock { $0.sent } }

    func open(_ target: SMTPConnectTarget, configuration: SMTPClientConfiguration) async throws(SMTPClientFailure)
        -> any SMTPConnection {
        if let failure = connectFailure(target, configuration) {
            state.withLock { $0.refused.append(target) }
            throw failure
        }
        state.withLock { $0.opened.append(Opened(target: target, configuration: configuration)) }
        return FakeConnection(transport: self, target: target)
    }

    final class FakeConnection: SMTPConnection {
        let transport: FakeTransport
        let target: SMTPConnectTarget
        let count = Mutex(0)

        init(transport: FakeTransport, target: SMTPConnectTarget) {
            self.transport = transport
            self.target = target
        }

        func send(_ message: SMTPClientMessage) async -> SMTPSendOutcome {
            transport.state.withLock { $0.sent.append((target, message)) }
            let number = count.withLock { value -> Int in
                value += 1
                return value
            }
            let results = message.recipients.map { recipient -> SMTPRecipientResult in
                let reply = transport.reply(target, recipient.address)
                let outcome: SMTPRecipientResult.Outcome = reply.code < 400 ? .delivered : reply.code < 500 ? .deferred : .failed
                return SMTPRecipientResult(outcome: outcome, reply: reply, stage: outcome == .delivered ? .data : .recipient)
            }
            let drop = transport.messagesBeforeDrop.map { number >= $0 } ?? false
            return SMTPSendOutcome(
                result: SMTPTransactionResult(recipients: results, serverSupportsDSN: transport.supportsDSN),
                sessionFailure: drop ? SMTPClientFailure(stage: .idle, reply: nil, reason: "connection closed by the server") : nil)
        }

        func quit() async {}
    }
}

/// A refused TCP connection.
func refusedConnection() -> SMTPClientFailure {
    SMTPClientFailure(stage: .connect, reply: nil, reason: "cannot connect: connection refused")
}
