import MailStore
import Spool

/// Where local delivery records a try: the storage behind `LocalDelivery`'s unit of work
/// (ARCHITECTURE.md "Storage interfaces"). The SQLite implementation (DeliveryStore) runs
/// each call as one transaction on the shared database.
public protocol LocalDeliveryLedger: Sendable {
    /// Records a try all or nothing: indexes the staged copies (their files are already
    /// durable), applies the queue-row updates in order, refreshes the recorded quota usage
    /// of `quotaUsers`, then, if `forgetWhenFinished` and the message has nothing left to
    /// do, forgets it. Returns true when it was forgotten: its spool file is the caller's
    /// to remove.
    func commit(_ batch: LocalDeliveryCommit) async throws(LocalDeliveryLedgerError) -> Bool

    /// Applies the queue-row updates of a try that failed as a whole, all or nothing.
    func recordOutcomes(_ updates: [QueueRowUpdate]) async throws(LocalDeliveryLedgerError)

    /// True when no delivery of the message is left to do and no notice is left to send.
    func isFinished(_ queueID: QueueID) async throws(LocalDeliveryLedgerError) -> Bool
}

public enum LocalDeliveryLedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The storage failed; nothing of the call was recorded.
    case storage(String)

    /// The storage's own text alone: it is what the queue row's last reply and the log show.
    public var description: String {
        switch self {
        case .storage(let why): return why
        }
    }
}

/// One try of local delivery for one message, as `LocalDeliveryLedger.commit` records it.
public struct LocalDeliveryCommit: Sendable, Hashable {
    public var queueID: QueueID
    /// Copies written and synced, to index.
    public var staged: [StagedMessage]
    /// The rows of the deliveries done (sent) and of the failures (deferred or bounced).
    public var updates: [QueueRowUpdate]
    /// The users whose mailboxes received copies: their usage summary (`user list`, the
    /// admin UI) is refreshed with the delivery.
    public var quotaUsers: Set<String>
    public var forgetWhenFinished: Bool

    public init(queueID: QueueID, staged: [StagedMessage], updates: [QueueRowUpdate], quotaUsers: Set<String>,
                forgetWhenFinished: Bool = true) {
        self.queueID = queueID
        self.staged = staged
        self.updates = updates
        self.quotaUsers = quotaUsers
        self.forgetWhenFinished = forgetWhenFinished
    }
}
