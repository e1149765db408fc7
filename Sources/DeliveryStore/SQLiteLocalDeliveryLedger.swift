import Delivery
import Directory
import Durability
import GRDB
import MailStore
import Spool
import SpoolStore

/// Local delivery's unit of work on postino.sqlite: the mail index (MailStore), the queue
/// rows (Spool) and the quota usage summary (Directory) share one database, so one
/// transaction records a try — a crash leaves either all of it or none (the next try
/// recognises the copies already on disk by their deterministic names).
///
/// Tries of concurrent deliveries that reach `commit` while a transaction is being written
/// are recorded together in the next one (`GroupedTransactions`), each in its own savepoint:
/// one batched write for several messages and mailboxes.
public struct SQLiteLocalDeliveryLedger: LocalDeliveryLedger {
    let spool: Spool
    let store: MailStore
    private let commits: GroupedTransactions<LocalDeliveryCommit, Bool>

    /// `spool` and `store` must be open on the same database.
    public init(spool: Spool, store: MailStore) {
        self.spool = spool
        self.store = store
        commits = GroupedTransactions { batches in
            try store.database.write { db in
                batches.map { batch in
                    Result {
                        var forgotten = false
                        try db.inSavepoint {
                            forgotten = try Self.record(batch, spool: spool, store: store, db)
                            return .commit
                        }
                        return forgotten
                    }
                }
            }
        }
    }

    public func commit(_ batch: LocalDeliveryCommit) async throws(LocalDeliveryLedgerError) -> Bool {
        do { return try await commits.submit(batch) } catch { throw .storage("\(error)") }
    }

    /// One try, inside the group's transaction.
    private static func record(_ batch: LocalDeliveryCommit, spool: Spool, store: MailStore, _ db: Database) throws -> Bool {
        _ = try store.commit(batch.staged, in: db)
        try spool.queue.apply(batch.updates, in: db)
        for user in batch.quotaUsers {
            try DirectoryStore.recordQuotaUsage(user, bytes: MailStore.usage(of: .user(user), in: db).bytes, in: db)
        }
        guard batch.forgetWhenFinished, try spool.queue.isFinished(batch.queueID, in: db) else { return false }
        try spool.forget(batch.queueID, in: db)
        return true
    }

    public func recordOutcomes(_ updates: [QueueRowUpdate]) async throws(LocalDeliveryLedgerError) {
        try await blocking { [spool] in try spool.queue.apply(updates) }
    }

    public func isFinished(_ queueID: QueueID) async throws(LocalDeliveryLedgerError) -> Bool {
        try await blocking { [spool] in try spool.queue.isFinished(queueID) }
    }

    /// Off the cooperative pool: a blocked Swift concurrency thread can deadlock the rest.
    private func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws(LocalDeliveryLedgerError) -> T {
        do { return try await BlockingIO.run(work) } catch { throw .storage("\(error)") }
    }
}
