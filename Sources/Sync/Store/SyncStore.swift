import MailStore

/// What a synchronization job remembers, owned by the Sync module; the SQLite
/// implementation is in SyncStore.
public protocol SyncStore: Sendable {
    // Jobs
    func job(_ localUser: String) async throws -> SyncJob?
    func jobs() async throws -> [SyncJob]
    /// Adds or replaces the job of `job.localUser`.
    func save(_ job: SyncJob) async throws
    /// Removes the job and everything remembered about it; false when there was none.
    func remove(_ localUser: String) async throws -> Bool
    func lastRun(_ localUser: String) async throws -> SyncRunStats?
    func recordRun(_ localUser: String, _ stats: SyncRunStats) async throws

    // Folders and messages
    /// The UIDVALIDITY the folder had at the last run and what was copied from it.
    func folderState(_ localUser: String, remoteFolder: String) async throws -> SyncFolderState
    /// Forgets the folder's messages (its UIDVALIDITY changed) and records the new one.
    func resetFolder(_ localUser: String, remoteFolder: String, uidValidity: UInt32) async throws
    /// Indexes staged message files (durable already) and records them as copied, in one
    /// transaction: a crash leaves both or neither.
    func commitCopies(_ localUser: String, remoteFolder: String, _ copies: [SyncCopy]) async throws -> [UInt32]
    /// Records links to local messages that were already there (skip rule), or new flags.
    func recordLinks(_ localUser: String, remoteFolder: String, _ links: [SyncLink]) async throws
    func forget(_ localUser: String, remoteFolder: String, remoteUIDs: [UInt32]) async throws
}

/// A remote message and the local message it corresponds to.
public struct SyncLink: Sendable, Hashable {
    public var remoteUID: UInt32
    public var localMailboxID: Int64
    public var localUID: UInt32
    /// The remote flags and keywords at the last run, sorted and space-separated.
    public var flags: String

    public init(remoteUID: UInt32, localMailboxID: Int64, localUID: UInt32, flags: String) {
        self.remoteUID = remoteUID
        self.localMailboxID = localMailboxID
        self.localUID = localUID
        self.flags = flags
    }
}

/// A message file staged in the local mailbox, to be indexed and linked.
public struct SyncCopy: Sendable, Hashable {
    public var staged: StagedMessage
    public var remoteUID: UInt32
    public var flags: String

    public init(staged: StagedMessage, remoteUID: UInt32, flags: String) {
        self.staged = staged
        self.remoteUID = remoteUID
        self.flags = flags
    }
}

public struct SyncFolderState: Sendable, Hashable {
    public var uidValidity: UInt32?
    public var links: [UInt32: SyncLink]

    public init(uidValidity: UInt32?, links: [UInt32: SyncLink]) {
        self.uidValidity = uidValidity
        self.links = links
    }
}

public struct SyncStoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
