/// A user's request to learn stored messages as spam or ham, made by moving them into or
/// out of Junk over IMAP (or flagging them `$Junk`/`$NotJunk`). Messages are named by
/// mailbox and UID; the bytes are read when the request is applied, in the background.
public struct SpamTrainingRequest: Sendable, Equatable {
    /// Assigned by the queue; nil before `enqueue`.
    public var id: Int64?
    /// The user who moved or flagged the messages (logged; `spamtrainers` was checked).
    public var user: String
    public var bayesClass: BayesClass
    public var mailboxID: Int64
    public var uids: [UInt32]
    /// What the user did, for the log: "move into Junk", "flag $NotJunk"…
    public var reason: String

    public init(id: Int64? = nil, user: String, bayesClass: BayesClass, mailboxID: Int64, uids: [UInt32], reason: String) {
        self.id = id
        self.user = user
        self.bayesClass = bayesClass
        self.mailboxID = mailboxID
        self.uids = uids
        self.reason = reason
    }
}

public struct SpamTrainingQueueError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The durable queue between the IMAP reply and the Bayes model: a request survives a
/// restart until it is applied (SPEC 8: "a request is never lost by a restart").
/// Implementation: `SQLiteSpamTrainingQueue` (AntispamStore).
public protocol SpamTrainingQueue: Sendable {
    /// Stores the request durably and returns its id.
    @discardableResult
    func enqueue(_ request: SpamTrainingRequest) async throws(SpamTrainingQueueError) -> Int64
    /// The oldest requests first.
    func pending(limit: Int) async throws(SpamTrainingQueueError) -> [SpamTrainingRequest]
    func remove(_ id: Int64) async throws(SpamTrainingQueueError)
}

/// A queue in memory, for tests.
public actor InMemorySpamTrainingQueue: SpamTrainingQueue {
    private var requests: [SpamTrainingRequest] = []
    private var nextID: Int64 = 1

    public init() {}

    public func enqueue(_ request: SpamTrainingRequest) -> Int64 {
        var stored = request
        stored.id = nextID
        nextID += 1
        requests.append(stored)
        return stored.id!
    }

    public func pending(limit: Int) -> [SpamTrainingRequest] { Array(requests.prefix(limit)) }

    public func remove(_ id: Int64) { requests.removeAll { $0.id == id } }
}
