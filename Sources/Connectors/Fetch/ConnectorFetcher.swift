import Foundation
import Intake
import Logging
import MailClient
import Spool

/// Fetches one account (SPEC 9, issue 15): nothing fetched twice, nothing lost.
///
/// For each listed message not yet remembered: a `pending` row with the draft's QID is
/// written first, then the message goes through the account's intake pipeline (filter,
/// spool commit — durable — and dispatch to local delivery), then the row becomes `stored`
/// (or `refused`; a temporary verdict forgets it for the next run). A crash leaves at most
/// a `pending` row, which the next run resolves by asking whether its QID was committed —
/// so a re-fetch is recognised, never stored twice. Remote deletion happens only for
/// `stored` rows, after the local commit, and a POP3 server applies it only at QUIT.
public struct ConnectorFetcher: Sendable {
    public typealias Opener = @Sendable (ConnectorAccount) async throws(MailClientError) -> any RemoteMailbox

    let store: any ConnectorStore
    let intake: ConnectorIntake
    let locks: AccountLock
    let logger: Logger
    let open: Opener

    public init(store: any ConnectorStore, intake: ConnectorIntake, locks: AccountLock, logger: Logger,
                open: @escaping Opener = ConnectorFetcher.openRemote) {
        self.store = store
        self.intake = intake
        self.locks = locks
        self.logger = logger
        self.open = open
    }

    /// The protocol's mailbox for an account.
    public static let openRemote: Opener = { account throws(MailClientError) in
        switch account.remoteProtocol {
        case .pop3: return try await POP3RemoteMailbox.open(account)
        case .imap: return try await IMAPRemoteMailbox.open(account)
        }
    }

    /// Runs the account once under its lock and records the status. `wait`: how long to
    /// wait for another fetcher of the same account (the CLI waits; the scheduler does not).
    public func run(_ account: ConnectorAccount, wait: Duration = .zero) async -> ConnectorRunReport {
        var report = ConnectorRunReport(account: account.email)
        guard let lock = await locks.acquire(account.email, wait: wait) else {
            report.error = ConnectorRunError.busy(account.email).description
            report.errorKind = "busy"
            return report
        }
        defer { lock.release() }
        let started = Date()
        do {
            try await fetch(account, &report)
        } catch let error as MailClientError {
            report.error = error.description
            report.errorKind = error.kind
        } catch ConnectorRunError.stopped {
            report.error = ConnectorRunError.stopped.description
            report.errorKind = "stopped"
        } catch {
            report.error = "\(error)"
            report.errorKind = "local"
        }
        await record(account, report, started: started)
        if let error = report.error {
            logger.warning("connector=\(account.email): run failed: \(error)")
        } else if report.fetched + report.refused + report.deleted + report.deferred > 0 {
            logger.info("connector=\(account.email): fetched=\(report.fetched) refused=\(report.refused) deferred=\(report.deferred) deleted=\(report.deleted) known=\(report.known)")
        }
        return report
    }

    private func fetch(_ account: ConnectorAccount, _ report: inout ConnectorRunReport) async throws {
        try await recoverPending(account, &report)
        let deliveries = try intake.deliveries(account)
        let remote = try await open(account)
        do {
            let listed = try await remote.list()
            let scope = await remote.scope()
            var known = try await store.fetched(account.email, scope: scope)
            let pipeline = intake.pipeline(account)
            for message in listed {
                // Shutdown: stop between messages (each is committed or forgotten whole);
                // nothing is deleted in a run that did not finish.
                if Task.isCancelled { throw ConnectorRunError.stopped }
                if known[message.remoteID] != nil {
                    report.known += 1
                    continue
                }
                let bytes = try await remote.fetch(message)
                if let outcome = try await submit(bytes, message, scope: scope, account, deliveries, pipeline, &report) {
                    known[message.remoteID] = outcome
                }
            }
            let now = Date()
            let doomed = RemoteDeletion.due(listed: listed, known: known, policy: account.remote, now: now)
            if !doomed.isEmpty { try await remote.delete(doomed) }
            try await remote.close()
            report.deleted = doomed.count
            // What the server no longer lists is gone for good: forget it (a POP3 UIDL may
            // not be reused; an IMAP UID never is within one UIDVALIDITY).
            let listedIDs = Set(listed.map(\.remoteID))
            let gone = known.values.filter { !listedIDs.contains($0.remoteID) && $0.state != .pending }.map(\.remoteID)
            try await store.forget(account.email, scope: scope, remoteIDs: gone)
        } catch {
            await remote.abandon()
            throw error
        }
    }

    /// Submits one fetched message; returns the row remembered (nil: deferred, forgotten).
    private func submit(_ bytes: [UInt8], _ message: RemoteMessage, scope: String, _ account: ConnectorAccount,
                        _ deliveries: [SpoolDelivery], _ pipeline: IntakePipeline,
                        _ report: inout ConnectorRunReport) async throws -> FetchedMessage? {
        let draft = intake.spool.makeDraft()
        let qid = draft.queueID.rawValue
        let metadata: Logger.Metadata = ["qid": "\(qid)"]
        var row = FetchedMessage(scope: scope, remoteID: message.remoteID, state: .pending, queueID: qid, at: Date())
        do {
            try await store.remember(account.email, row)
        } catch {
            draft.discard()
            throw error
        }
        draft.append(ConnectorReceivedHeader.field(account: account, secure: account.tls != .none, hostname: intake.hostname,
                                                   queueID: qid))
        draft.append(bytes)
        let envelope = IntakeEnvelope(sender: FetchedSender.returnPath(in: bytes), recipients: [account.email],
                                      deliveries: deliveries, listener: "connector")
        switch await pipeline.submit(draft, envelope: envelope, origin: .connector(account: account.email)) {
        case .queued(let accepted, _):
            row.state = .stored
            row.at = Date()
            try await store.remember(account.email, row)
            report.fetched += 1
            logger.info("connector=\(account.email), remote-id=\(message.remoteID), from=<\(accepted.sender)>, size=\(accepted.size) (queue active)",
                        metadata: metadata)
            return row
        case .refused(let reply, _):
            if reply.isTemporary {
                try await store.forget(account.email, scope: scope, remoteIDs: [message.remoteID])
                report.deferred += 1
                logger.info("connector=\(account.email), remote-id=\(message.remoteID): deferred: \(reply); left on the server, tried again next run",
                            metadata: metadata)
                return nil
            }
            row.state = .refused
            row.queueID = nil
            try await store.remember(account.email, row)
            report.refused += 1
            logger.info("connector=\(account.email), remote-id=\(message.remoteID): refused: \(reply); left on the server, not fetched again",
                        metadata: metadata)
            return row
        }
    }

    /// Resolves the rows a crash left pending: committed → stored, else forgotten.
    private func recoverPending(_ account: ConnectorAccount, _ report: inout ConnectorRunReport) async throws {
        for var row in try await store.pending(account.email) {
            if let qid = row.queueID, try await store.wasCommitted(queueID: qid) {
                row.state = .stored
                try await store.remember(account.email, row)
                logger.info("connector=\(account.email), remote-id=\(row.remoteID): found committed after an interruption",
                            metadata: ["qid": "\(qid)"])
            } else {
                try await store.forget(account.email, scope: row.scope, remoteIDs: [row.remoteID])
            }
            report.recovered += 1
        }
    }

    private func record(_ account: ConnectorAccount, _ report: ConnectorRunReport, started: Date) async {
        do {
            var status = try await store.status(account.email)
            status.lastRun = started
            status.fetchedLastRun = report.fetched
            status.fetchedTotal += report.fetched
            status.lastError = report.error
            if report.succeeded {
                status.lastSuccess = started
                status.failures = 0
            } else {
                status.failures += 1
            }
            try await store.setStatus(account.email, status)
        } catch {
            logger.error("connector=\(account.email): cannot record the run's status: \(error)")
        }
    }
}
