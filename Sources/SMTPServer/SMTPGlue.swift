import Authentication
import Durability
import Foundation
import Logging
import NIOCore
import ProtocolKit
import SMTPProtocol
import Spool

/// The SMTP half of one connection under the shared `SessionChannelDriver`: makes the pure
/// `SMTPSession` once the settings are read and carries out its actions — spooling, and
/// the questions (policy, login, commit) answered off the event loop. Holds no protocol
/// logic.
final class SMTPGlue: SessionGlue {
    typealias Session = SMTPSession
    typealias Driver = SessionChannelDriver<SMTPGlue>

    private let environment: SMTPServerEnvironment
    private var settings: SMTPServerSettings?
    private var draft: SpoolDraft?
    private var header = HeaderCapture()
    /// Deliveries of each accepted recipient of the current transaction.
    private var recipientDeliveries: [String: [SpoolDelivery]] = [:]
    /// A message is being committed (between the final dot and its reply).
    private var committing = false
    /// The QID of a message just dropped, for the log line of the refusal that follows.
    private var abortedQueueID: QueueID?
    /// Shutdown was asked while a transaction was in DATA/BDAT: say goodbye after its reply.
    private var draining = false
    /// How long a transaction in DATA/BDAT may go on after shutdown was asked.
    static let drainDeadline = TimeAmount.seconds(10)

    init(environment: SMTPServerEnvironment) {
        self.environment = environment
    }

    let logName = "smtp"
    /// A client talking before the greeting: a little is kept for the session to answer.
    let earlyInputLimit = 4096

    // MARK: Connection lifecycle

    func connectionOpened(_ driver: Driver) {
        environment.logger.info("connect from unknown[\(driver.remoteAddress)]")
    }

    func start(_ driver: Driver, tls: Bool) {
        let directory = environment.directory
        let tlsInfo = tls ? SMTPTLSInfo(version: driver.tlsVersionName, cipher: "") : nil
        driver.answer({ try await BlockingIO.run { try SMTPServerSettings.load(directory.settings) } }) { [self] result in
            switch result {
            case .success(let loaded):
                settings = loaded
                let session = SMTPSession(configuration: loaded.sessionConfiguration(role: environment.role,
                                                                                    timeouts: environment.timeouts))
                driver.begin(session, connected: .connected(SMTPConnectionInfo(
                    remoteAddress: driver.remoteAddress, remotePort: driver.remotePort, tls: tlsInfo)))
            case .failure(let error):
                environment.logger.error("cannot read settings: \(error)")
                driver.goodbye("421 4.3.0 Service temporarily unavailable")
            }
        }
    }

    func tlsEstablished(_ driver: Driver) -> SMTPSessionEvent {
        .tlsEstablished(SMTPTLSInfo(version: driver.tlsVersionName, cipher: ""))
    }

    func connectionLost(_ error: any Error, _ driver: Driver) {
        environment.logger.info("lost connection from unknown[\(driver.remoteAddress)]: \(error)")
    }

    func connectionEnded(_ driver: Driver) {
        draft?.discard()
        draft = nil
        environment.logger.info("disconnect from unknown[\(driver.remoteAddress)]")
    }

    func shutdownRequested(_ driver: Driver) {
        // SIGTERM: a transaction whose DATA/BDAT has begun may finish (its reply is sent,
        // then 421), for at most 10 s; every other session gets 421 at once.
        if draft != nil || committing {
            draining = true
            driver.schedule(in: Self.drainDeadline) { [self] in goodbye(driver) }
        } else {
            goodbye(driver)
        }
    }

    /// RFC 5321 §3.8: the server closes with `421` when it must shut down.
    private func goodbye(_ driver: Driver) {
        driver.goodbye("421 4.3.2 Service shutting down, closing transmission channel")
    }

    func timedOut(_ kind: SMTPTimeoutKind, _ driver: Driver) {
        environment.logger.info("timeout after \(kind) from unknown[\(driver.remoteAddress)]")
    }

    // MARK: Actions

    func perform(_ action: SMTPSessionAction, _ driver: Driver) -> SessionStep {
        switch action {
        case .send(let reply):
            if let aborted = abortedQueueID {
                // The reply after a dropped message: a refusal (552 too big) is logged
                // with the QID the message had.
                if reply.code >= 400 {
                    let text = reply.description.split(whereSeparator: \.isNewline).joined(separator: " ")
                    environment.logger.info("reject: END-OF-MESSAGE from unknown[\(driver.remoteAddress)]: \(text)",
                                            metadata: ["qid": "\(aborted)"])
                }
                abortedQueueID = nil
            }
            driver.write(reply.encoded)
        case .close:
            return .close
        case .startTLS:
            return .startTLS
        case .beginMessage(let envelope):
            draft = environment.sink.begin(envelope, hostname: settings?.hostname ?? "localhost")
            header = HeaderCapture()
        case .appendMessageBytes(let bytes):
            draft?.append(bytes)
            header.append(bytes)
        case .abortMessage:
            abortedQueueID = draft?.queueID
            draft?.discard()
            draft = nil
        case .checkSender(let envelope):
            recipientDeliveries = [:]
            checkSender(envelope, driver)
        case .checkRecipient(let recipient, let envelope):
            checkRecipient(recipient, envelope, driver)
        case .authenticate(let credentials):
            driver.authenticate(credentials, service: .smtp, tls: driver.session?.tls != nil,
                                with: environment.authenticator) { driver.feed(.authenticationChecked(SMTPAuthenticationResult($0))) }
        case .commitMessage(let envelope):
            commit(envelope, driver)
        }
        return .proceed
    }

    func actionsPerformed(_ driver: Driver) {
        if draining, draft == nil, !committing { goodbye(driver) }
    }

    /// Runs `work` off the event loop and feeds its answer back in.
    private func answer<T: Sendable>(_ driver: Driver, _ work: @escaping @Sendable () async throws -> T,
                                     _ event: @escaping (Result<T, any Error>) -> SMTPSessionEvent) {
        driver.answer(work) { result in driver.feed(event(result)) }
    }

    private static let temporaryFailure = SMTPReply(451, "4.3.0", "Temporary lookup failure, try again later")

    private func checkSender(_ envelope: SMTPEnvelope, _ driver: Driver) {
        guard let settings else { return }
        let policy = environment.policy
        answer(driver, { try await BlockingIO.run { try policy.checkSender(envelope, settings: settings) } }) { [self] result in
            switch result {
            case .success(let decision):
                return .senderChecked(decision)
            case .failure(let error):
                environment.logger.error("MAIL from unknown[\(driver.remoteAddress)]: cannot check the sender: \(error); from=<\(envelope.reversePath.mailbox?.description ?? "")>, answered 451")
                return .senderChecked(.reject(Self.temporaryFailure))
            }
        }
    }

    private func checkRecipient(_ recipient: SMTPRecipient, _ envelope: SMTPEnvelope, _ driver: Driver) {
        guard let settings else { return }
        let policy = environment.policy
        answer(driver, { try await BlockingIO.run { try policy.checkRecipient(recipient, envelope, settings: settings) } }) { [self] result in
            let verdict: SMTPPolicy.RecipientVerdict
            switch result {
            case .success(let checked):
                verdict = checked
            case .failure(let error):
                environment.logger.error("RCPT from unknown[\(driver.remoteAddress)]: cannot check the recipient: \(error); from=<\(envelope.reversePath.mailbox?.description ?? "")> to=<\(recipient.path.mailbox?.description ?? "postmaster")>, answered 451")
                return .recipientChecked(.reject(Self.temporaryFailure))
            }
            if case .accept = verdict.decision {
                recipientDeliveries[recipient.path.description, default: []].append(contentsOf: verdict.deliveries)
            } else if case .reject(let reply) = verdict.decision {
                environment.logger.info("reject: RCPT from unknown[\(driver.remoteAddress)]: \(reply.code) \(reply.lines.joined(separator: " ")); from=<\(envelope.reversePath.mailbox?.description ?? "")> to=<\(recipient.path.mailbox?.description ?? "postmaster")>")
            }
            return .recipientChecked(verdict.decision)
        }
    }

    private func commit(_ envelope: SMTPEnvelope, _ driver: Driver) {
        guard let draft, let settings else {
            driver.feed(.messageCommitted(.reject(SMTPReply(451, "4.3.0", "Error: no message in progress"))))
            return
        }
        self.draft = nil
        let deliveries = SMTPMessageSink.merge(envelope.recipients.map { recipientDeliveries[$0.path.description] ?? [] })
        let commit = SMTPMessageSink.Commit(envelope: envelope, deliveries: deliveries, header: header.bytes, settings: settings)
        let sink = environment.sink
        committing = true
        answer(driver, { await sink.commit(draft, commit) }) { [self] result in
            committing = false
            // Cannot fail: the intake pipeline logs its own errors with the QID and answers
            // with the reply they call for.
            return .messageCommitted((try? result.get()) ?? .reject(SMTPReply(451, "4.3.0", "Error: queue file write error")))
        }
    }
}
