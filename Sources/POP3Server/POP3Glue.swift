import Authentication
import Durability
import Foundation
import Logging
import MailStore
import POP3Protocol
import ProtocolKit

/// The POP3 half of one connection under the shared `SessionChannelDriver`: makes the
/// pure `POP3Session` and carries out its actions (login, maildrop lock and listing,
/// message streaming with backpressure, deletion at QUIT).
final class POP3Glue: SessionGlue {
    typealias Session = POP3Session
    typealias Driver = SessionChannelDriver<POP3Glue>

    private let environment: POP3ServerEnvironment
    private var opened: POP3Maildrops.Opened?
    private var streaming: MessageReader?
    private var resumeStream: (() -> Void)?
    private var readAhead = POP3ReadAhead()
    private var readAheadQueue: [[UInt8]] = []
    private var servingReadAhead = false

    init(environment: POP3ServerEnvironment) {
        self.environment = environment
    }

    private static let chunkSize = 64 * 1024
    private static let wholeReadLimit = 1 << 20

    let logName = "pop3"

    // MARK: Lifecycle

    func start(_ driver: Driver, tls: Bool) {
        let authenticator = environment.authenticator, ip = driver.remoteAddress
        driver.answer({ await authenticator.allowsPasswordsWithoutTLS(service: .pop3, remoteAddress: ip) }) { [self] result in
            // Cannot fail: the authenticator logs an unreadable setting and answers no.
            let allowUnencrypted = (try? result.get()) ?? false
            let configuration = POP3SessionConfiguration(allowUnencrypted: allowUnencrypted, timeouts: environment.timeouts)
            driver.begin(POP3Session(configuration: configuration),
                         connected: .connected(POP3ConnectionInfo(remoteAddress: ip, remotePort: driver.remotePort, isTLS: tls)))
        }
    }

    func tlsEstablished(_ driver: Driver) -> POP3SessionEvent { .tlsEstablished }

    func shutdownRequested(_ driver: Driver) {
        // SIGTERM: say goodbye and close (the server drains its connections).
        driver.goodbye("-ERR [SYS/TEMP] Server shutting down")
    }

    func connectionEnded(_ driver: Driver) {
        resumeStream = nil
        streaming?.close()
        streaming = nil
        releaseLock(driver)
    }

    func becameWritable(_ driver: Driver) {
        if let resume = resumeStream {
            resumeStream = nil
            resume()
        }
    }

    // MARK: Actions

    func perform(_ action: POP3SessionAction, _ driver: Driver) -> SessionStep {
        switch action {
        case .send(let response):
            driver.write(response.encoded)
        case .sendMessageData(let bytes):
            driver.write(bytes)
        case .startTLS:
            return .startTLS
        case .close:
            releaseLock(driver)
            return .close
        case .authenticate(let credentials):
            driver.authenticate(credentials, service: .pop3, tls: driver.session?.isTLS ?? false,
                                with: environment.authenticator) { driver.feed(.authenticationChecked(POP3AuthenticationResult($0))) }
        case .openMaildrop(let user):
            openMaildrop(user, driver)
        case .retrieveMessage(let request):
            retrieve(request, driver)
        case .commitDeletions(let user, let messages):
            commit(user, messages, driver)
        case .releaseMaildrop:
            releaseLock(driver)
        }
        return .proceed
    }

    private func releaseLock(_ driver: Driver) {
        if let opened, let user = driver.session?.authenticatedUser ?? Optional(opened.mailbox.owner.description) {
            environment.maildrops.release(user: user, opened: opened)
        }
        opened = nil
        readAhead.clear()
    }

    // MARK: Questions

    private func openMaildrop(_ user: String, _ driver: Driver) {
        let maildrops = environment.maildrops
        driver.answer({ try await BlockingIO.run { try maildrops.open(user: user) } }) { [self] result in
            switch result {
            case .success(.opened(let drop)):
                opened = drop
                driver.feed(.maildropOpened(.opened(drop.messages)))
            case .success(.inUse):
                environment.logger.info("pop3: maildrop of \(user) is in use, refused for \(driver.remoteAddress)")
                driver.feed(.maildropOpened(.inUse))
            case .failure(let error):
                environment.logger.error("pop3: cannot open the maildrop of \(user): \(error)")
                driver.feed(.maildropOpened(.reject(POP3Response.err("Cannot open the maildrop", code: .systemTemporary))))
            }
        }
    }

    private func retrieve(_ request: POP3MessageRequest, _ driver: Driver) {
        guard let opened, request.message.number >= 1, request.message.number <= opened.records.count else {
            driver.feed(.messageFailed(POP3Response.err("No such message", code: .systemTemporary)))
            return
        }
        let mailbox = opened.mailbox, record = opened.records[request.message.number - 1], uid = record.uid
        let store = environment.maildrops.store
        // Most messages are small: one trip off the event loop reads the whole file (by
        // the name the listing knew, else wherever a flag change moved it), together with
        // the next few (`POP3ReadAhead`). Larger ones are streamed with backpressure.
        if request.octets <= Self.wholeReadLimit {
            let number = request.message.number
            if let bytes = readAhead.take(number) {
                sendReadAhead(bytes, driver)
                return
            }
            let numbers = readAhead.batch(startingAt: number, sizes: opened.messages.map(\.octets),
                                          wholeReadLimit: Self.wholeReadLimit)
            let files = numbers.map { (number: $0, record: opened.records[$0 - 1]) }
            driver.answer({ try await BlockingIO.run {
                func read(_ record: MessageRecord) throws -> [UInt8] {
                    try store.readMessage(mailbox, record)
                }
                // Only the message asked for must be readable; the others are a bonus.
                let first = try read(files[0].record)
                return [(files[0].number, first)] + files.dropFirst().compactMap { file in
                    (try? read(file.record)).map { (file.number, $0) }
                }
            } }) { [self] result in
                switch result {
                case .success(let messages):
                    for (number, bytes) in messages.dropFirst() { readAhead.keep(number, bytes) }
                    sendWhole(messages[0].1, driver)
                case .failure(let error):
                    messageFailed(error, driver)
                }
            }
            return
        }
        driver.answer({ () async throws -> MessageReader in
            try await BlockingIO.run { try store.openMessage(mailbox, uid: uid) }
        }) { [self] result in
            switch result {
            case .success(let reader):
                streaming = reader
                streamNext(reader, driver)
            case .failure(let error):
                messageFailed(error, driver)
            }
        }
    }

    /// Serves messages that were read ahead. A pipeline of RETRs answered this way runs
    /// in this one loop (each answer's next RETR queues itself instead of recursing) and
    /// is flushed once at the end: one write for many messages.
    private func sendReadAhead(_ bytes: [UInt8], _ driver: Driver) {
        readAheadQueue.append(bytes)
        guard !servingReadAhead else { return }
        servingReadAhead = true
        driver.holdsFlush = true
        while !readAheadQueue.isEmpty, !driver.closed {
            sendWhole(readAheadQueue.removeFirst(), driver)
        }
        readAheadQueue.removeAll()
        servingReadAhead = false
        driver.holdsFlush = false
        if !driver.closed { driver.flush() }
    }

    private func sendWhole(_ bytes: [UInt8], _ driver: Driver) {
        driver.feed(.messageData(bytes))
        driver.feed(.messageEnd)
    }

    private func streamNext(_ reader: MessageReader, _ driver: Driver) {
        driver.answer({ try await BlockingIO.run { try reader.read(upTo: Self.chunkSize) } }) { [self] result in
            switch result {
            case .success(let bytes) where bytes.isEmpty:
                finishStream(driver)
            case .success(let bytes):
                driver.feed(.messageData(bytes))
                guard driver.session?.wantsMessageData == true else { return finishStream(driver) }
                if driver.isWritable {
                    streamNext(reader, driver)
                } else {
                    resumeStream = { [self] in streamNext(reader, driver) }
                }
            case .failure(let error):
                streaming?.close()
                streaming = nil
                messageFailed(error, driver)
            }
        }
    }

    /// RETR/TOP of a message that cannot be read: logged, answered `-ERR [SYS/TEMP]`.
    private func messageFailed(_ error: any Error, _ driver: Driver) {
        environment.logger.error("pop3(\(driver.session?.authenticatedUser ?? "-")): a message cannot be read: \(error), rip=\(driver.remoteAddress)")
        driver.feed(.messageFailed(POP3Response.err("The message cannot be read", code: .systemTemporary)))
    }

    private func finishStream(_ driver: Driver) {
        streaming?.close()
        streaming = nil
        driver.feed(.messageEnd)
    }

    private func commit(_ user: String, _ messages: [POP3MessageReference], _ driver: Driver) {
        guard let drop = opened else {
            driver.feed(.deletionsCommitted(.committed))
            return
        }
        opened = nil
        let maildrops = environment.maildrops, logger = environment.logger, ip = driver.remoteAddress
        driver.answer({ try await BlockingIO.run { try maildrops.commit(user: user, opened: drop, deletions: messages) } }) { result in
            switch result {
            case .success:
                logger.info("pop3 logout: user=<\(user)>, deleted=\(messages.count), rip=\(ip)")
                driver.feed(.deletionsCommitted(.committed))
            case .failure(let error):
                logger.error("pop3: deleting for \(user) failed: \(error)")
                driver.feed(.deletionsCommitted(.failed(POP3Response.err("Some deleted messages not removed", code: .systemTemporary))))
            }
        }
    }
}
